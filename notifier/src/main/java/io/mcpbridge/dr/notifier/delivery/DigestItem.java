package io.mcpbridge.dr.notifier.delivery;

import io.mcpbridge.dr.events.notify.NotificationRequest;
import java.time.Instant;

/**
 * A notification waiting in the delivery ledger for the internal Slack digest.
 *
 * @param since   when it was requested (or, without that, kept): the digest is due one interval after the oldest
 * @param request the notification
 */
public record DigestItem(Instant since, NotificationRequest request) {}
