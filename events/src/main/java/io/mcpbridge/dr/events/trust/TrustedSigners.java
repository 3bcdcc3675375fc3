package io.mcpbridge.dr.events.trust;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a service believes: signer names, each with one or more Ed25519 public keys (several at once while a
 * key is rotated). Written one key a line, as {@code drctl keygen} prints it:
 *
 * <pre>
 * # who       algorithm  public key (base64 of X.509)                   comment
 * alice       ed25519    MCowBQYDK2VwAyEA...                            laptop, 2026-11
 * </pre>
 *
 * Blank lines and {@code #} comments are skipped. A line that does not parse is left out and reported in
 * {@link #problems()}, so one typo does not take every other signer's trust with it, and never widens trust.
 */
public final class TrustedSigners {

    /** Signer names: what {@code requestedBy} becomes, so kept to characters safe in logs and ids. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    public static final TrustedSigners NONE = new TrustedSigners(Map.of(), List.of());

    private final Map<String, List<PublicKey>> keys;
    private final List<String> problems;

    private TrustedSigners(Map<String, List<PublicKey>> keys, List<String> problems) {
        this.keys = keys;
        this.problems = problems;
    }

    /**
     * @param text   the lines
     * @param origin where they come from, for {@link #problems()} ("trust file /etc/...", "configuration")
     */
    public static TrustedSigners parse(String text, String origin) {
        Map<String, List<PublicKey>> keys = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+", 4);
            String where = origin + " line " + (i + 1);
            if (words.length < 3) {
                problems.add(where + ": expected '<signer> ed25519 <public key>'");
            } else if (!NAME.matcher(words[0]).matches()) {
                problems.add(where + ": signer name must match " + NAME.pattern());
            } else if (!words[1].equalsIgnoreCase("ed25519")) {
                problems.add(where + ": only ed25519 keys are accepted");
            } else {
                try {
                    PublicKey key = Ed25519Keys.parsePublic(words[2]);
                    keys.computeIfAbsent(words[0], name -> new ArrayList<>()).add(key);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                }
            }
        }
        keys.replaceAll((name, list) -> List.copyOf(list));
        return new TrustedSigners(Collections.unmodifiableMap(keys), List.copyOf(problems));
    }

    /** The line that makes a service trust {@code key} as {@code signer}. */
    public static String line(String signer, PublicKey key) {
        if (!NAME.matcher(signer).matches()) {
            throw new IllegalArgumentException("signer name must match " + NAME.pattern());
        }
        return signer + " ed25519 " + Ed25519Keys.publicText(key);
    }

    /** Both lists in one: a signer named in both has the keys of both. */
    public TrustedSigners and(TrustedSigners other) {
        Map<String, List<PublicKey>> merged = new LinkedHashMap<>(keys);
        other.keys.forEach((name, more) -> merged.merge(name, more, (a, b) -> {
            List<PublicKey> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        List<String> allProblems = new ArrayList<>(problems);
        allProblems.addAll(other.problems);
        return new TrustedSigners(Collections.unmodifiableMap(merged), List.copyOf(allProblems));
    }

    /** The keys trusted for {@code signer}; empty for a stranger. */
    public List<PublicKey> keysOf(String signer) {
        return keys.getOrDefault(signer, List.of());
    }

    public Set<String> signers() {
        return keys.keySet();
    }

    /** Lines that were left out, with why; never the key material. */
    public List<String> problems() {
        return problems;
    }

    @Override
    public String toString() {
        return "TrustedSigners" + keys.keySet();
    }
}
