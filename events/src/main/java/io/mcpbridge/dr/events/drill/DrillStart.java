package io.mcpbridge.dr.events.drill;

import java.time.Instant;

/**
 * A drill that began: every coordinator replica learns that the period is being run, so one that is given the drill
 * while it runs elsewhere (a partition moved) does not run it a second time. Its result follows under the same id.
 *
 * @param id          the drill run's id
 * @param type        which drill
 * @param requestedBy who asked
 * @param startedAt   when it began
 * @param deadline    by when it ends at the latest (its timeout); a start without a result past it is a drill
 *                    whose replica died
 */
public record DrillStart(String id, DrillType type, String requestedBy, Instant startedAt, Instant deadline) {}
