package io.mcpbridge.dr.notifier.template;

/**
 * What the notifier itself knows for the plan's template fields that a request leaves to it: when the next update
 * comes, who leads while nobody has acknowledged, the bridge, where the postmortem is, and whom the message is for.
 *
 * @param nextUpdate  the plan's "Next Update", as promised by the incident's cadence
 * @param onCall      the incident commander while nobody has acknowledged
 * @param bridgeUrl   the conference bridge
 * @param actionItems the plan's "Action Items: [Link to postmortem]"
 * @param audience    the audience the message is for; null for the internal channels
 */
public record MessageFacts(String nextUpdate, String onCall, String bridgeUrl, String actionItems, String audience) {

    /** Nothing known: every field the request leaves out shows as unknown (operations notices). */
    public static final MessageFacts NONE = new MessageFacts(null, null, null, null, null);

    public MessageFacts forAudience(String name) {
        return new MessageFacts(nextUpdate, onCall, bridgeUrl, actionItems, name);
    }
}
