package io.mcpbridge.dr.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.mcpbridge.dr.events.Topics;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may read and write which topic on Kafka for Kubernetes users ({@code k8s/base/kafka.yaml}) is exactly what
 * the topic table of {@code docs/events.md} says each service does, and each consumer group is the one the
 * service's configuration names: the command topics' security rests on who may write to them.
 */
class KafkaAccessTest {

    /** The names the topic table uses for the services, and for drctl (the engineers' KafkaUser). */
    private static final Map<String, String> SERVICES = Map.of(
            "health-monitor", "health-monitor",
            "coordinator", "recovery-coordinator",
            "backup-service", "backup-service",
            "notifier", "notifier",
            "drctl", "drctl");
    /** Readers outside any consumer group: drctl never commits offsets, so it needs no group. */
    private static final Set<String> GROUPLESS = Set.of("drctl");
    /** Topics a service may create when missing, beside writing them: the notifier's own ledger. */
    private static final Map<String, Set<String>> CREATES = Map.of("notifier", Set.of(Topics.NOTIFIER_DELIVERIES));

    private static List<HasMetadata> objects;

    @BeforeAll
    static void read() throws IOException {
        objects = ManifestFiles.read(ProjectFiles.ROOT.resolve("k8s/base/kafka.yaml"));
    }

    @Test
    void everyTopicExistsWithTheSettingsTheServicesNeed() {
        Map<String, KafkaTopic> topics = new TreeMap<>();
        objects.stream()
                .filter(KafkaTopic.class::isInstance)
                .map(KafkaTopic.class::cast)
                .forEach(topic -> topics.put(topic.getMetadata().getName(), topic));
        assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        for (KafkaTopic topic : topics.values()) {
            String name = topic.getMetadata().getName();
            assertThat(topic.getSpec().getPartitions()).as(name).isGreaterThanOrEqualTo(3);
            Map<String, String> config = new TreeMap<>();
            topic.getSpec().getConfig().forEach((key, value) -> config.put(key, String.valueOf(value)));
            Topics.settings(name)
                    .forEach((key, value) -> assertThat(config.get(key))
                            .as(name + " " + key)
                            .satisfiesAnyOf(
                                    actual -> assertThat(actual).isEqualTo(value),
                                    actual -> assertThat(actual).startsWith(value + ",")));
        }
        assertThat(topics.get(Topics.HEALTH).getSpec().getPartitions())
                .as("the coordinator's replicas split components by partition across the signal topics")
                .isEqualTo(topics.get(Topics.ALERTS).getSpec().getPartitions())
                .isEqualTo(topics.get(Topics.COMMANDS_RECOVERY).getSpec().getPartitions());
    }

    @Test
    void eachServiceMayWriteAndReadExactlyTheTopicsTheEventsTableGivesIt() throws IOException {
        Map<String, Set<String>> expected = expectedAcls();
        Map<String, Set<String>> granted = new TreeMap<>();
        for (HasMetadata object : objects) {
            if (object instanceof KafkaUser user) {
                Set<String> rules = new TreeSet<>();
                for (ManifestFiles.Grant grant : ManifestFiles.grants(user)) {
                    rules.add((grant.resourceType() + " " + grant.resource() + " " + grant.operation())
                            .toLowerCase(Locale.ROOT));
                }
                granted.put(user.getMetadata().getName(), rules);
            }
        }
        assertThat(granted).isEqualTo(expected);
    }

    /**
     * From the topic table: a service in "from" writes (Write, Describe), in "to" reads (Read, Describe); a
     * consumer group read (Read) for the group its configuration names.
     */
    private static Map<String, Set<String>> expectedAcls() throws IOException {
        Map<String, Set<String>> acls = new TreeMap<>();
        SERVICES.values().forEach(service -> acls.put(service, new TreeSet<>()));
        Pattern row = Pattern.compile("^\\| `(mcp-dr\\.[a-z.-]+)` \\|[^|]*\\|([^|]*)\\|([^|]*)\\|$");
        for (String line : Files.readAllLines(ProjectFiles.ROOT.resolve("docs/events.md"))) {
            Matcher matcher = row.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            String topic = matcher.group(1);
            for (String service : named(matcher.group(2))) {
                acls.get(service).addAll(List.of("topic " + topic + " Write", "topic " + topic + " Describe"));
            }
            for (String service : named(matcher.group(3))) {
                acls.get(service).addAll(List.of("topic " + topic + " Read", "topic " + topic + " Describe"));
            }
        }
        CREATES.forEach(
                (service, topics) -> topics.forEach(topic -> acls.get(service).add("topic " + topic + " Create")));
        for (String service : SERVICES.values()) {
            if (GROUPLESS.contains(service)) {
                continue;
            }
            groupsOf(service).forEach(group -> acls.get(service).add("group " + group + " Read"));
        }
        acls.replaceAll((service, rules) -> rules.stream()
                .map(rule -> rule.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new)));
        return acls;
    }

    /** The services a table cell names, by the words the table uses; anyone else (operators, dashboards) is not one. */
    private static Set<String> named(String cell) {
        Set<String> services = new TreeSet<>();
        for (String part : cell.replaceAll("\\([^)]*\\)", "").split(",")) {
            String service = SERVICES.get(part.strip());
            if (service != null) {
                services.add(service);
            }
        }
        return services;
    }

    /** Every consumer group the service's configuration names (the notifier has two: requests and dead letters). */
    private static Set<String> groupsOf(String service) throws IOException {
        Properties properties = ProjectFiles.settingsOf(service);
        return properties.stringPropertyNames().stream()
                .filter(name -> name.endsWith(".group.id"))
                .map(properties::getProperty)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
