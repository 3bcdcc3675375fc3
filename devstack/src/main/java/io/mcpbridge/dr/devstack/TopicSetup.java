package io.mcpbridge.dr.devstack;

import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.kafka.TopicDefinitions;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Creates the system's topics the way production expects them: 3 partitions, the state topics
 * ({@code mcp-dr.incidents}, the notifier's ledger) compacted, the command topics stamped by the broker.
 * Existing topics are left alone.
 */
final class TopicSetup {

    private static final int PARTITIONS = 3;

    private TopicSetup() {}

    static void ensureTopics(String bootstrapServers, Duration timeout) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = TopicDefinitions.all(PARTITIONS, (short) 1).stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Topics made by an older local run get the settings they lack (broker time stamps on commands).
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            existing.stream()
                    .filter(Topics.ALL::contains)
                    .forEach(topic -> changes.put(
                            new ConfigResource(ConfigResource.Type.TOPIC, topic),
                            Topics.settings(topic).entrySet().stream()
                                    .map(setting -> new AlterConfigOp(
                                            new ConfigEntry(setting.getKey(), setting.getValue()),
                                            AlterConfigOp.OpType.SET))
                                    .toList()));
            changes.values().removeIf(Collection::isEmpty);
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
