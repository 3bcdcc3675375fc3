package io.mcpbridge.dr.drctl.output;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times, durations and sizes as people read them in a table. */
public final class Human {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Human() {}

    /** {@code 0.4s}, {@code 45s}, {@code 3m12s}, {@code 2h05m}, {@code 3d04h}. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (duration.toMillis() < 10_000) {
            // Short operations (a backup of a small store) in tenths, so that they do not read as "0s".
            return String.format(Locale.ROOT, "%.1fs", Math.max(0, duration.toMillis()) / 1000.0);
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86400, seconds % 86400 / 3600);
    }

    /** How long ago, from {@code now}: {@code 3m12s ago}. */
    public static String ago(Instant then, Instant now) {
        return then == null ? "-" : duration(Duration.between(then, now)) + " ago";
    }

    /** A local date and time. */
    public static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    /** {@code 512 B}, {@code 1.4 MiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
