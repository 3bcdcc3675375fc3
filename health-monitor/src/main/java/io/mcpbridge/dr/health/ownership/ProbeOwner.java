package io.mcpbridge.dr.health.ownership;

import io.mcpbridge.dr.events.health.TargetHealth;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** What probes targets: told which targets are its own now, and which are not any more. */
public interface ProbeOwner {

    /** Every target configured here, owned or not. */
    Collection<String> targets();

    /** Start probing these targets, each continuing from what was last published about it (if anything). */
    void take(Map<String, Optional<TargetHealth>> targets);

    /** Stop probing these targets: another replica probes them now, or will. */
    void release(Collection<String> targets);
}
