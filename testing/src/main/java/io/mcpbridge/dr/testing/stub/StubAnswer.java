package io.mcpbridge.dr.testing.stub;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP answer of a stub: status, headers, body, and how long to hold it back (to play a slow or
 * timing-out service).
 */
public record StubAnswer(int status, Map<String, String> headers, String body, Duration delay) {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json; charset=utf-8";

    public StubAnswer {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
    }

    /** A plain-text answer, as Slack's webhook gives. */
    public static StubAnswer text(int status, String body) {
        return new StubAnswer(status, Map.of("Content-Type", TEXT), body, Duration.ZERO);
    }

    /** A JSON answer. */
    public static StubAnswer json(int status, String body) {
        return new StubAnswer(status, Map.of("Content-Type", JSON), body, Duration.ZERO);
    }

    /**
     * An answer with the caller's headers; without a {@code Content-Type} among them, JSON is assumed when
     * the body looks like JSON and plain text otherwise.
     */
    public static StubAnswer of(int status, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        boolean typed = all.keySet().stream().anyMatch("Content-Type"::equalsIgnoreCase);
        if (!typed) {
            String trimmed = body == null ? "" : body.strip();
            all.put("Content-Type", trimmed.startsWith("{") || trimmed.startsWith("[") ? JSON : TEXT);
        }
        return new StubAnswer(status, all, body, Duration.ZERO);
    }

    public StubAnswer withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new StubAnswer(status, all, body, delay);
    }

    public StubAnswer delayedBy(Duration extra) {
        return new StubAnswer(status, headers, body, delay.plus(extra));
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
