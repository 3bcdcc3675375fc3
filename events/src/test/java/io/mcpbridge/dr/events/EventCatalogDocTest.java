package io.mcpbridge.dr.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mcpbridge.dr.events.json.EventJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/events.md is the contract other teams read: every type is there, and every example parses. */
class EventCatalogDocTest {

    private static final Pattern TYPE_SECTION = Pattern.compile(
            "^### (mcpdr\\.[a-z0-9.]+)\\s*$(.*?)^```json\\s*$(.*?)^```\\s*$", Pattern.MULTILINE | Pattern.DOTALL);

    /** Strict on purpose: an example field the record lacks means the doc and the code disagree. */
    private static final ObjectMapper STRICT =
            EventJson.configure(new ObjectMapper()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static String doc;
    private static Map<String, String> examples;

    @BeforeAll
    static void readDoc() throws IOException {
        doc = Files.readString(Path.of("..", "docs", "events.md"));
        examples = new LinkedHashMap<>();
        Matcher matcher = TYPE_SECTION.matcher(doc);
        while (matcher.find()) {
            examples.put(matcher.group(1), matcher.group(3));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTypeHasAnExampleThatParsesStrictly(EventType type) throws IOException {
        assertThat(examples).as("docs/events.md documents %s", type.typeName()).containsKey(type.typeName());

        Object parsed = STRICT.readValue(examples.get(type.typeName()), type.payloadType());

        assertThat(parsed)
                .hasNoNullFieldsOrPropertiesExcept(
                        "endsAt",
                        "lastError",
                        "forensicBackupId",
                        "reason",
                        "escalatedAt",
                        "maintenanceFor",
                        "dryRun",
                        "backupIds",
                        "failureReason",
                        // A drill that recovers nothing (a backup verification) measures no RTO.
                        "rtoMillis",
                        "rtoTargetMillis");
        // Round trip through the shared mapper keeps every value.
        assertThat(EventJson.fromBytes(EventJson.toBytes(parsed), type.payloadType()))
                .isEqualTo(parsed);
    }

    @Test
    void documentsNoTypeTheCodeLacks() {
        assertThat(examples.keySet())
                .allSatisfy(
                        name -> assertThat(EventType.byTypeName(name)).as(name).isPresent());
    }

    @Test
    void documentsEveryTopic() {
        assertThat(Topics.ALL).allSatisfy(topic -> assertThat(doc).contains("| `" + topic + "` |"));
    }
}
