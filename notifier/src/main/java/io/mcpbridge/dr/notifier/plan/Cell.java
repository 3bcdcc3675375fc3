package io.mcpbridge.dr.notifier.plan;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cell of the plan's communication matrix: by when an audience must first hear of an incident.
 *
 * @param kind     a deadline, a digest, only on an engineer's request, or never
 * @param deadline for {@link Kind#DEADLINE}: after the incident opened ({@link Duration#ZERO} for "Immediate");
 *                 for digests their period; otherwise zero
 */
public record Cell(Kind kind, Duration deadline) {

    public enum Kind {
        /** "Immediate", "15 min", "1 hour": the first notice is due this long after the incident opened. */
        DEADLINE,
        /** "Daily" or "Weekly": the audience hears in its digest of that period. */
        DIGEST,
        /** "As needed": only when an engineer asks; no deadline, so no reminder. */
        AS_NEEDED,
        /** "Not required": never told. */
        NOT_REQUIRED
    }

    private static final Pattern AMOUNT =
            Pattern.compile("(\\d+)\\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)");

    public Cell {
        if (deadline == null || deadline.isNegative()) {
            throw new IllegalArgumentException("a cell's deadline must not be negative");
        }
    }

    public static Cell within(Duration deadline) {
        return new Cell(Kind.DEADLINE, deadline);
    }

    /**
     * Reads a cell as the plan writes it ({@code Immediate}, {@code 15 min}, {@code 1 hour}, {@code Daily},
     * {@code Weekly}, {@code As needed}, {@code Not required}) or as a duration ({@code 15m}, {@code 2h}).
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Cell parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "immediate", "immediately", "0" -> {
                return within(Duration.ZERO);
            }
            case "daily" -> {
                return new Cell(Kind.DIGEST, Duration.ofDays(1));
            }
            case "weekly" -> {
                return new Cell(Kind.DIGEST, Duration.ofDays(7));
            }
            case "as needed", "as-needed" -> {
                return new Cell(Kind.AS_NEEDED, Duration.ZERO);
            }
            case "not required", "not-required", "never" -> {
                return new Cell(Kind.NOT_REQUIRED, Duration.ZERO);
            }
            default -> {
                Matcher amount = AMOUNT.matcher(value);
                if (!amount.matches()) {
                    throw new IllegalArgumentException("'" + text + "' is not a communication deadline: use Immediate, "
                            + "an amount such as 15 min or 2 hours, Daily, Weekly, As needed or Not required");
                }
                long n = Long.parseLong(amount.group(1));
                return within(
                        switch (amount.group(2).charAt(0)) {
                            case 's' -> Duration.ofSeconds(n);
                            case 'm' -> Duration.ofMinutes(n);
                            case 'h' -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        });
            }
        }
    }

    /** Whether the audience must be told by a deadline (and its commander reminded when it is not). */
    public boolean hasDeadline() {
        return kind == Kind.DEADLINE;
    }

    /**
     * For a digest cell: when the digest that carries an incident opened at {@code openedAt} goes out: the next
     * midnight UTC (Daily), the next Monday at midnight UTC (Weekly), else the next multiple of the period.
     */
    public Instant nextDigestAt(Instant openedAt) {
        LocalDate day = openedAt.atZone(ZoneOffset.UTC).toLocalDate();
        if (deadline.equals(Duration.ofDays(1))) {
            return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (deadline.equals(Duration.ofDays(7))) {
            return day.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        }
        long period = deadline.toSeconds();
        return Instant.ofEpochSecond((openedAt.getEpochSecond() / period + 1) * period);
    }

    /** As the plan writes it. */
    public String describe() {
        return switch (kind) {
            case DEADLINE -> deadline.isZero() ? "Immediate" : Durations.describe(deadline);
            case DIGEST ->
                deadline.toDays() == 7
                        ? "Weekly"
                        : deadline.toDays() == 1 ? "Daily" : "Every " + Durations.describe(deadline);
            case AS_NEEDED -> "As needed";
            case NOT_REQUIRED -> "Not required";
        };
    }
}
