package io.mcpbridge.dr.testing.stub;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request a stub received, with what the stub found wrong in it and what it answered, so a test can
 * assert on what the sender really put on the wire.
 *
 * @param receivedAt when the stub read the request (before any scripted delay)
 * @param headers    request headers; names are case-insensitive
 * @param body       the body as UTF-8 text
 * @param json       the body parsed as JSON, or a {@code MissingNode} when it is not JSON
 * @param violations what the real service would reject in it; empty when it is valid
 * @param answer     what the stub answered (or was about to answer when the client gave up)
 */
public record RecordedRequest(
        Instant receivedAt,
        String method,
        String path,
        Map<String, List<String>> headers,
        String body,
        JsonNode json,
        List<String> violations,
        StubAnswer answer) {

    public RecordedRequest {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(caseInsensitive);
        violations = List.copyOf(violations);
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean isJson() {
        return !json.isMissingNode();
    }

    /** The HTTP status the stub answered. */
    public int status() {
        return answer.status();
    }

    /**
     * Whether the real service would have acted on this request: valid, and answered 2xx. A request whose
     * scripted answer was delayed past the client's timeout still counts, as the real service would have
     * processed it too (the case that makes senders deliver twice).
     */
    public boolean accepted() {
        return violations.isEmpty() && answer.isSuccess();
    }
}
