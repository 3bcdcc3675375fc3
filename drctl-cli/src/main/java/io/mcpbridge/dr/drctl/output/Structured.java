package io.mcpbridge.dr.drctl.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.mcpbridge.dr.events.json.EventJson;

/**
 * JSON and YAML output, by the events' own mapping (ISO-8601 times and durations, absent fields left out), so
 * that what drctl prints reads back as the event records it came from.
 */
public final class Structured {

    private static final ObjectMapper JSON =
            EventJson.configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = EventJson.configure(new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)));

    private Structured() {}

    public static String render(Object value, OutputFormat format) {
        try {
            return switch (format) {
                case JSON -> JSON.writeValueAsString(value);
                case YAML -> YAML.writeValueAsString(value).stripTrailing();
                case TABLE -> throw new IllegalArgumentException("a table is rendered by its command");
            };
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "cannot render " + value.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
