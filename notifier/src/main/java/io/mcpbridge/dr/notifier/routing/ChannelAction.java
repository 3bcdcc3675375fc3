package io.mcpbridge.dr.notifier.routing;

/** One thing to do on one channel for a notification. The channel name is the ledger's key part. */
public enum ChannelAction {
    /** Print a readable block to the log. */
    CONSOLE("console"),
    /** Post a Block Kit message to the Slack webhook. */
    SLACK_POST("slack"),
    /** Hold for the next Slack digest (LOW severity: at most one message per digest interval). */
    SLACK_DIGEST("slack"),
    /** Open (or re-open) a PagerDuty alert, dedup_key = incident id: this pages someone. */
    PAGERDUTY_TRIGGER("pagerduty"),
    /** Resolve the PagerDuty alert of the incident. */
    PAGERDUTY_RESOLVE("pagerduty"),
    /** A PagerDuty change event: informational, pages no one (backups, restores, drills). */
    PAGERDUTY_CHANGE("pagerduty"),
    /** Email the audience's recipients. */
    EMAIL("email"),
    /** Open, update or resolve the incident on the public status page. */
    STATUSPAGE("statuspage");

    private final String channel;

    ChannelAction(String channel) {
        this.channel = channel;
    }

    /** The channel this action is delivered through. */
    public String channel() {
        return channel;
    }
}
