package io.mcpbridge.dr.events.notify;

/**
 * A link shown with a notification (runbook, dashboard, postmortem).
 *
 * @param text what the link is
 * @param url  where it goes
 */
public record NotificationLink(String text, String url) {}
