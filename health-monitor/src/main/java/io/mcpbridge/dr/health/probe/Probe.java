package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.health.ProbeKind;
import java.util.concurrent.CompletionStage;

/** One check of one target. Implementations never throw: every failure is a DOWN result. */
public interface Probe {

    ProbeKind kind();

    /** What is probed, safe to log and publish (no credentials). */
    String endpoint();

    /** Runs the check; the stage completes within the target's timeout (the scheduler enforces it too). */
    CompletionStage<ProbeResult> probe();
}
