package io.mcpbridge.dr.events.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The trusted signers a service checks against right now: lines from its configuration plus a trust file
 * (a mounted Secret or ConfigMap) that is read again whenever its content changes, at most
 * {@code recheck} after the change. Removing a key from the file therefore revokes it without a restart.
 * A file that is missing or unreadable trusts nobody until it is back (fail closed); a bad line is left out
 * alone (see {@link TrustedSigners}).
 */
public final class TrustSource {

    private final TrustedSigners configured;
    private final Optional<Path> file;
    private final Duration recheck;
    private final Clock clock;
    private final Consumer<String> problems;
    private byte[] fileContent;
    private TrustedSigners current;
    private Instant checkedAt = Instant.MIN;

    /**
     * @param configuredLines trust lines from configuration (may be empty)
     * @param file            the trust file, re-read when it changes
     * @param recheck         how often the file is looked at
     * @param problems        told about every line or file that cannot be used (for the log)
     */
    public TrustSource(
            List<String> configuredLines,
            Optional<Path> file,
            Duration recheck,
            Clock clock,
            Consumer<String> problems) {
        this.configured = TrustedSigners.parse(String.join("\n", configuredLines), "configured trust");
        this.file = file;
        this.recheck = recheck;
        this.clock = clock;
        this.problems = problems;
        configured.problems().forEach(problems);
        this.current = configured;
    }

    /** A fixed list, for tools and tests. */
    public static TrustSource of(TrustedSigners signers) {
        TrustSource source = new TrustSource(List.of(), Optional.empty(), Duration.ZERO, Clock.systemUTC(), p -> {});
        source.current = signers;
        return source;
    }

    /** The signers trusted now, the file read again if it is due and changed. */
    public synchronized TrustedSigners current() {
        Instant now = clock.instant();
        if (file.isPresent() && !now.isBefore(checkedAt.plus(recheck))) {
            checkedAt = now;
            reload(file.get());
        }
        return current;
    }

    private void reload(Path path) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            content = new byte[0];
            if (fileContent == null || fileContent.length > 0) {
                problems.accept("trust file " + path + " is missing: only configured signers are trusted");
            }
        } catch (IOException e) {
            content = new byte[0];
            problems.accept("trust file " + path + " cannot be read ("
                    + e.getClass().getSimpleName() + "): only configured signers are trusted");
        }
        if (fileContent != null && Arrays.equals(content, fileContent)) {
            return;
        }
        fileContent = content;
        TrustedSigners fromFile =
                TrustedSigners.parse(new String(content, StandardCharsets.UTF_8), "trust file " + path);
        fromFile.problems().forEach(problems);
        current = configured.and(fromFile);
    }
}
