package io.mcpbridge.dr.drctl.state;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.kafka.Kafka;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.Topics;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupPolicy;
import io.mcpbridge.dr.events.backup.BackupScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The backups as backup-service's catalog on {@code mcp-dr.backup.catalog} lists them (what its index objects
 * say, never what the archives hold), and its policy: each scope's maximum backup age.
 */
public final class BackupCatalogRecords {

    private final List<BackupIndex> backups;
    private final Optional<BackupPolicy> policy;

    private BackupCatalogRecords(List<BackupIndex> backups, Optional<BackupPolicy> policy) {
        this.backups = backups;
        this.policy = policy;
    }

    public static BackupCatalogRecords read(Kafka kafka) {
        List<BackupIndex> backups = new ArrayList<>();
        BackupPolicy policy = null;
        for (EventEnvelope event : kafka.latestByKey(Topics.BACKUP_CATALOG).values()) {
            if (event.type() == EventType.BACKUP_CATALOGED) {
                backups.add((BackupIndex) event.payload());
            } else if (event.type() == EventType.BACKUP_POLICY) {
                policy = (BackupPolicy) event.payload();
            }
        }
        backups.sort(Comparator.comparing(BackupIndex::createdAt).reversed());
        return new BackupCatalogRecords(List.copyOf(backups), Optional.ofNullable(policy));
    }

    /** Newest first. */
    public List<BackupIndex> backups() {
        return backups;
    }

    public Optional<BackupPolicy> policy() {
        return policy;
    }

    /**
     * @throws DrctlException when the catalog has no such backup
     */
    public BackupIndex byId(String id) {
        return backups.stream()
                .filter(backup -> backup.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new DrctlException(
                        ExitCodes.REFUSED, "no backup " + id + " in the catalog; drctl backup list shows them"));
    }

    /** The plain size of a backup in the catalog: what a verify or restore of it goes through. */
    public OptionalLong plainBytesOf(String id) {
        return backups.stream()
                .filter(backup -> backup.id().equals(id))
                .findFirst()
                .map(backup -> OptionalLong.of(backup.plainBytes()))
                .orElse(OptionalLong.empty());
    }

    /**
     * The plain size of the newest complete backup of exactly these scopes (any, when empty): about what a new
     * backup of them will be.
     */
    public OptionalLong plainBytesOfLast(Collection<BackupScope> scopes) {
        Set<BackupScope> wanted = Set.copyOf(scopes);
        return backups.stream()
                .filter(backup -> backup.status() == BackupIndex.Status.COMPLETE
                        && backup.purpose() != BackupIndex.Purpose.FORENSIC
                        && (wanted.isEmpty() || Set.copyOf(backup.scopes()).equals(wanted)))
                .findFirst()
                .map(backup -> OptionalLong.of(backup.plainBytes()))
                .orElse(OptionalLong.empty());
    }

    /**
     * For every scope the policy or a backup names: its newest verified-good backup (forensic copies are not
     * recovery points), its age and the scope's maximum age.
     */
    public List<ScopeFreshness> freshness(Instant now) {
        List<BackupScope> scopes =
                new ArrayList<>(policy.map(BackupPolicy::scopes).orElse(List.of()));
        backups.stream()
                .flatMap(backup -> backup.scopes().stream())
                .distinct()
                .filter(s -> !scopes.contains(s))
                .forEach(scopes::add);
        scopes.sort(Comparator.naturalOrder());
        List<ScopeFreshness> freshness = new ArrayList<>();
        for (BackupScope scope : scopes) {
            Optional<BackupIndex> newest = backups.stream()
                    .filter(backup -> backup.verifiedGood()
                            && backup.purpose() != BackupIndex.Purpose.FORENSIC
                            && backup.scopes().contains(scope))
                    .findFirst();
            Duration maxAge = policy.map(p -> p.maxAge().get(scope)).orElse(null);
            freshness.add(ScopeFreshness.of(scope, newest, maxAge, now));
        }
        return freshness;
    }
}
