package io.mcpbridge.dr.notifier.channel;

import java.time.Duration;
import java.util.Optional;

/** What one delivery attempt came to. Reasons never contain webhook URLs or routing keys. */
public sealed interface Outcome {

    /** The peer accepted it (Slack 200, PagerDuty 202): never send it again. */
    record Delivered() implements Outcome {}

    /** Worth another try: 429 (with the peer's Retry-After, if it said), 5xx, network failure, timeout. */
    record RetryLater(String reason, Optional<Duration> retryAfter) implements Outcome {}

    /** Will never be accepted (4xx other than 429): to the dead letter topic with the reason. */
    record Permanent(String reason) implements Outcome {}
}
