package io.mcpbridge.dr.events.incident;

import java.time.Instant;

/**
 * One line of an incident's timeline.
 *
 * @param time    when it happened
 * @param step    what it is about: a runbook step's name, or {@code detected}, {@code signal}, {@code command},
 *                {@code state}
 * @param outcome {@code started}, {@code succeeded}, {@code failed}, {@code skipped}, {@code refused}, {@code info}
 * @param detail  for people: what was done or seen, a command's output, a reason
 */
public record TimelineEntry(Instant time, String step, String outcome, String detail) {}
