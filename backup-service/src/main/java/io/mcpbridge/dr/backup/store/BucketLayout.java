package io.mcpbridge.dr.backup.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The one place that knows where things live in the bucket:
 * <pre>
 * &lt;prefix&gt;archives/&lt;id&gt;.tar.zst.enc   the encrypted archive
 * &lt;prefix&gt;index/&lt;id&gt;.json            its small unencrypted index object (listing, retention)
 * &lt;prefix&gt;verdicts/&lt;id&gt;/&lt;time&gt;-&lt;r&gt;.json  each verification's verdict on it
 * &lt;prefix&gt;commands/&lt;command id&gt;.json  the recorded outcome of each command (idempotency)
 * &lt;prefix&gt;leases/&lt;scope&gt;/&lt;generation&gt;.json  who may touch a scope now (see ScopeLeases)
 * &lt;prefix&gt;postmortems/&lt;incident id&gt;.md  a resolved incident's postmortem draft, for people
 * </pre>
 * Every object is created once and never rewritten (several instances write to one bucket, and S3 offers
 * create-once, not compare-and-swap): what changes, such as a verdict or a lease, is a new object. Backup ids
 * and verdict names start with their UTC time ({@code 20261017T091402Z-4be1c0}), so key order is time order.
 */
public final class BucketLayout {

    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter VERDICT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int GENERATION_DIGITS = 12;
    private static final Pattern ID = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{6}");
    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

    private final String prefix;

    /** @param prefix a key prefix such as {@code mcp-bridge/}; empty for the bucket's root */
    public BucketLayout(String prefix) {
        String trimmed = prefix == null ? "" : prefix.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        this.prefix = trimmed.isEmpty() || trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }

    /** A new backup id for a backup started at {@code start}. */
    public static String newBackupId(Instant start) {
        return ID_TIME.format(start) + "-" + randomHex();
    }

    private static String randomHex() {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Whether {@code id} has the shape of a backup id (it names no other key). */
    public static boolean isBackupId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public String archiveKey(String backupId) {
        return prefix + "archives/" + requireId(backupId) + ".tar.zst.enc";
    }

    public String indexKey(String backupId) {
        return prefix + "index/" + requireId(backupId) + ".json";
    }

    public String indexPrefix() {
        return prefix + "index/";
    }

    /** The backup id an index key names, if it is one. */
    public Optional<String> backupIdOfIndexKey(String key) {
        if (!key.startsWith(indexPrefix()) || !key.endsWith(".json")) {
            return Optional.empty();
        }
        String id = key.substring(indexPrefix().length(), key.length() - ".json".length());
        return isBackupId(id) ? Optional.of(id) : Optional.empty();
    }

    public String verdictPrefix() {
        return prefix + "verdicts/";
    }

    /** A new verdict's key: under its backup, named by the verification's time (and a random tail). */
    public String verdictKey(String backupId, Instant at) {
        return verdictPrefix() + requireId(backupId) + "/" + VERDICT_TIME.format(at) + "-" + randomHex() + ".json";
    }

    /** The backup id a verdict key belongs to, if it is one. */
    public Optional<String> backupIdOfVerdictKey(String key) {
        if (!key.startsWith(verdictPrefix()) || !key.endsWith(".json")) {
            return Optional.empty();
        }
        String rest = key.substring(verdictPrefix().length());
        int slash = rest.indexOf('/');
        return slash > 0 && isBackupId(rest.substring(0, slash))
                ? Optional.of(rest.substring(0, slash))
                : Optional.empty();
    }

    public String leasePrefix(String scope) {
        return prefix + "leases/" + scope + "/";
    }

    /** Generations are zero-padded, so the lexicographically last key is the newest. */
    public String leaseKey(String scope, long generation) {
        return leasePrefix(scope) + String.format("%0" + GENERATION_DIGITS + "d", generation) + ".json";
    }

    /** Where a resolved incident's postmortem draft is kept for people: {@code postmortems/<incident id>.md}. */
    public String postmortemKey(String incidentId) {
        if (incidentId == null || !COMMAND_ID.matcher(incidentId).matches()) {
            throw new IllegalArgumentException("not an incident id: " + incidentId);
        }
        return prefix + "postmortems/" + incidentId + ".md";
    }

    /** The generation a lease key names, if it is one of {@code scope}. */
    public Optional<Long> generationOfLeaseKey(String scope, String key) {
        String digits = key.startsWith(leasePrefix(scope)) && key.endsWith(".json")
                ? key.substring(leasePrefix(scope).length(), key.length() - ".json".length())
                : "";
        return digits.length() == GENERATION_DIGITS && digits.chars().allMatch(Character::isDigit)
                ? Optional.of(Long.parseLong(digits))
                : Optional.empty();
    }

    public String commandKey(String commandId) {
        if (commandId == null || !COMMAND_ID.matcher(commandId).matches()) {
            throw new IllegalArgumentException("command id must be 1-200 of A-Z a-z 0-9 . _ : @ -");
        }
        return prefix + "commands/" + commandId + ".json";
    }

    private static String requireId(String backupId) {
        if (!isBackupId(backupId)) {
            throw new IllegalArgumentException("not a backup id: '" + backupId + "'");
        }
        return backupId;
    }
}
