package io.mcpbridge.dr.events.drill;

import java.time.Instant;

/**
 * One step of a drill as it ran.
 *
 * @param name      the step's name in the drill's definition
 * @param startedAt when it began
 * @param endedAt   when it ended
 * @param passed    whether it did what it should
 * @param detail    what it did or found, for people (never a secret)
 */
public record DrillStep(String name, Instant startedAt, Instant endedAt, boolean passed, String detail) {}
