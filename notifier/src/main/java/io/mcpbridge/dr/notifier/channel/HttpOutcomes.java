package io.mcpbridge.dr.notifier.channel;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Classifies HTTP answers the way Slack, PagerDuty and Statuspage ask: 2xx delivered, 429 (and 420) and 5xx
 * retried (honouring Retry-After), any other 4xx permanent.
 */
final class HttpOutcomes {

    private static final int MAX_BODY_IN_REASON = 200;

    private HttpOutcomes() {}

    static Outcome of(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Outcome.Delivered();
        }
        String reason = "HTTP " + status + body(response.body());
        // 420 is how some APIs (Statuspage) say 429.
        if (status == 429 || status == 420 || status >= 500) {
            return new Outcome.RetryLater(reason, retryAfter(response.headers().firstValue("Retry-After")));
        }
        return new Outcome.Permanent(reason);
    }

    /** A failure before any answer: always retried. The message of the JDK client never carries the URL. */
    static Outcome of(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = cause instanceof HttpTimeoutException
                ? "no answer in time"
                : cause instanceof ConnectException
                        ? "connection refused"
                        : cause.getClass().getSimpleName();
        return new Outcome.RetryLater(reason, Optional.empty());
    }

    /** Retry-After in seconds or as an HTTP date (RFC 9110). */
    static Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    private static String body(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return ": " + (flat.length() > MAX_BODY_IN_REASON ? flat.substring(0, MAX_BODY_IN_REASON) + "…" : flat);
    }
}
