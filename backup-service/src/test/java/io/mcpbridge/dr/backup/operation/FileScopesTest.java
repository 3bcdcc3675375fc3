package io.mcpbridge.dr.backup.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpbridge.dr.backup.archive.ArchiveReader;
import io.mcpbridge.dr.backup.archive.ArchiveWriter;
import io.mcpbridge.dr.backup.archive.CertificateInfo;
import io.mcpbridge.dr.backup.archive.Progress;
import io.mcpbridge.dr.backup.store.DirectoryObjectStore;
import io.mcpbridge.dr.backup.support.Contexts;
import io.mcpbridge.dr.events.backup.BackupIndex;
import io.mcpbridge.dr.events.backup.BackupScope;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config and certificate trees: modes kept, each certificate's subject and expiry in the manifest, the
 * MCP Bridge version recorded, and a restore that swaps the whole tree in or leaves it untouched.
 */
class FileScopesTest {

    @TempDir
    Path dir;

    private Path configs;
    private Path certs;
    private BackupContext context;

    @BeforeEach
    void createTrees() throws Exception {
        configs = Files.createDirectories(dir.resolve("etc/mcp-bridge"));
        certs = Files.createDirectories(configs.resolve("certs"));
        Files.writeString(configs.resolve("VERSION"), "1.0.0\n");
        Files.writeString(configs.resolve("gateway.yaml"), "listen: 8443\n");
        Files.createDirectories(configs.resolve("routes"));
        Files.writeString(configs.resolve("routes/tools.yaml"), "- path: /tools\n");
        Files.setPosixFilePermissions(configs.resolve("gateway.yaml"), PosixFilePermissions.fromString("rw-r-----"));
        Path script = Files.writeString(configs.resolve("hooks.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        selfSignedCertificate(certs, "gateway");
        context = Contexts.context(
                new DirectoryObjectStore(dir.resolve("store")),
                Contexts.randomKey(),
                Clock.systemUTC(),
                null,
                Contexts.noKubernetes(),
                Contexts.sources(configs, certs, "127.0.0.1:1", "x"));
    }

    @Test
    void theManifestRecordsEachCertificateAndTheBridgeVersion() throws Exception {
        Outcome backup = take();

        ArchiveWriter.Written read;
        try (InputStream in = context.store().open(context.layout().archiveKey(backup.backupId()))) {
            read = ArchiveReader.read(in, context.cipher(), backup.backupId(), new Progress(), (n, m, c) -> {});
        }

        assertThat(read.manifest().bridgeVersion()).isEqualTo("1.0.0");
        assertThat(read.manifest().certificates()).singleElement().satisfies(certificate -> {
            assertThat(certificate.path()).isEqualTo("certs/gateway.pem");
            assertThat(certificate.subject()).isEqualTo("CN=gateway");
            assertThat(certificate.notAfter()).isAfter(Instant.now().plusSeconds(80L * 86400));
        });
        assertThat(read.manifest().entries())
                .extracting(entry -> entry.path())
                .as("the certificate tree inside the config tree is archived once, under certs/")
                .contains("configs/gateway.yaml", "configs/routes/tools.yaml", "certs/gateway.pem", "certs/gateway.key")
                .doesNotContain("configs/certs/gateway.pem");
        assertThat(backup.counts())
                .containsEntry("configs", 4L)
                .containsEntry("certs", 2L)
                .containsEntry("certificates", 1L);
        assertThat(List.of(read.manifest().certificates().get(0)))
                .extracting(CertificateInfo::subject)
                .doesNotContain("PRIVATE");
    }

    @Test
    void aRestoreSwapsTheWholeTreeInWithItsModes() throws Exception {
        Outcome backup = take();
        Files.writeString(configs.resolve("gateway.yaml"), "listen: 9999\n");
        Files.writeString(configs.resolve("added-later.yaml"), "x: 1\n");
        Files.delete(configs.resolve("routes/tools.yaml"));

        Outcome restore = new BackupRestore(context)
                .restore(
                        backup.backupId(),
                        List.of(BackupScope.CONFIGS),
                        RestoreTargets.ORIGINAL,
                        "bad config push",
                        "test",
                        new Progress());

        assertThat(Files.readString(configs.resolve("gateway.yaml"))).isEqualTo("listen: 8443\n");
        assertThat(configs.resolve("routes/tools.yaml")).exists();
        assertThat(configs.resolve("added-later.yaml"))
                .as("the tree is the backup's, whole")
                .doesNotExist();
        assertThat(certs.resolve("gateway.pem"))
                .as("the nested certificate tree is another scope: kept")
                .exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configs.resolve("gateway.yaml"))))
                .isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configs.resolve("hooks.sh"))))
                .isEqualTo("rwxr-x---");
        try (Stream<Path> siblings = Files.list(configs.getParent())) {
            assertThat(siblings.map(path -> path.getFileName().toString()))
                    .as("no staging or replaced tree left behind")
                    .containsExactly("mcp-bridge");
        }
        // What the restore replaced is kept in the forensic backup.
        BackupIndex forensic =
                context.catalog().find(restore.forensicBackupId()).orElseThrow();
        assertThat(forensic.purpose()).isEqualTo(BackupIndex.Purpose.FORENSIC);
        assertThat(forensic.counts()).containsEntry("configs", 4L);
    }

    @Test
    void bothTreesRestoredTogetherWhenOneSitsInsideTheOther() throws Exception {
        Outcome backup = take();
        Files.writeString(configs.resolve("gateway.yaml"), "listen: 9999\n");
        Files.delete(certs.resolve("gateway.key"));

        new BackupRestore(context)
                .restore(
                        backup.backupId(),
                        List.of(BackupScope.CONFIGS, BackupScope.CERTS),
                        RestoreTargets.ORIGINAL,
                        "bad push",
                        "test",
                        new Progress());

        assertThat(Files.readString(configs.resolve("gateway.yaml"))).isEqualTo("listen: 8443\n");
        assertThat(certs.resolve("gateway.key")).exists();
        assertThat(certs.resolve("gateway.pem")).exists();
        try (Stream<Path> inside = Files.list(configs)) {
            assertThat(inside.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("VERSION", "gateway.yaml", "routes", "hooks.sh", "certs");
        }
    }

    @Test
    void aRestoreIntoAnotherDirectoryCreatesIt() throws Exception {
        Outcome backup = take();
        Path elsewhere = dir.resolve("restore-here");

        new BackupRestore(context.withDestinations(context.destinations().withDirectories(List.of(elsewhere))))
                .restore(
                        backup.backupId(),
                        List.of(BackupScope.CONFIGS, BackupScope.CERTS),
                        new RestoreTargets(null, null, elsewhere.toString()),
                        "drill",
                        "test",
                        new Progress());

        assertThat(Files.readString(elsewhere.resolve("configs/gateway.yaml"))).isEqualTo("listen: 8443\n");
        assertThat(elsewhere.resolve("certs/gateway.pem")).exists();
        assertThat(Files.readString(configs.resolve("gateway.yaml"))).isEqualTo("listen: 8443\n");
    }

    @Test
    void aMissingConfigTreeFailsTheBackupAndRecordsItAsFailed() throws Exception {
        BackupContext missing = Contexts.context(
                context.store(),
                Contexts.randomKey(),
                Clock.systemUTC(),
                null,
                Contexts.noKubernetes(),
                Contexts.sources(dir.resolve("nowhere"), certs, "127.0.0.1:1", "x"));

        assertThatThrownBy(() -> new BackupTaker(missing)
                        .take(
                                new BackupRequest(
                                        List.of(BackupScope.CONFIGS),
                                        missing.sources(),
                                        BackupIndex.Purpose.MANUAL,
                                        false,
                                        "test",
                                        "test"),
                                new Progress()))
                .hasMessageContaining("configs directory")
                .hasMessageContaining("does not exist");

        assertThat(missing.catalog().all()).singleElement().satisfies(index -> {
            assertThat(index.status()).isEqualTo(BackupIndex.Status.FAILED);
            assertThat(index.usable()).isFalse();
        });
        assertThat(missing.store().list("archives/")).as("no partial archive").isEmpty();
    }

    private Outcome take() throws Exception {
        return new BackupTaker(context)
                .take(
                        new BackupRequest(
                                List.of(BackupScope.CONFIGS, BackupScope.CERTS),
                                context.sources(),
                                BackupIndex.Purpose.MANUAL,
                                false,
                                "test",
                                "test"),
                        new Progress());
    }

    /** A self-signed certificate in PEM, made by the JDK's keytool, and a key file beside it. */
    private static void selfSignedCertificate(Path certs, String name) throws Exception {
        Path keystore = certs.getParent().getParent().resolve(name + ".p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                keytool,
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=" + name,
                "-validity",
                "90",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                name,
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                certs.resolve(name + ".pem").toString());
        Files.writeString(
                certs.resolve(name + ".key"),
                "-----BEGIN PRIVATE KEY-----\nnot a certificate\n" + "-----END PRIVATE KEY-----\n");
        Files.delete(keystore);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
