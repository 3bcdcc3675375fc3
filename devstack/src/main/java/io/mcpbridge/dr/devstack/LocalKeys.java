package io.mcpbridge.dr.devstack;

import io.mcpbridge.dr.events.trust.Ed25519Keys;
import io.mcpbridge.dr.events.trust.TrustedSigners;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local run's signers, made once in {@code .local/keys} and kept: a key pair for each service that signs
 * (the coordinator's commands to backup-service, backup-service's results and schedules) and one for the
 * person at the keyboard ({@value #ENGINEER}), with one trust file that every service reads.
 */
final class LocalKeys {

    static final String ENGINEER = "local-engineer";
    static final List<String> SIGNERS = List.of("recovery-coordinator", "backup-service", ENGINEER);

    private final Path dir;

    private LocalKeys(Path dir) {
        this.dir = dir;
    }

    /** Makes what is missing; the trust file is written anew from the public keys each time. */
    static LocalKeys ensure(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        lines.add("# The local run's trusted signers; services re-read this file when it changes.");
        for (String signer : SIGNERS) {
            Path privateKey = dir.resolve(signer + ".pem");
            Path publicKey = dir.resolve(signer + ".pub");
            if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
                KeyPair pair = Ed25519Keys.generate();
                writePrivate(privateKey, Ed25519Keys.privatePem(pair.getPrivate()));
                Files.writeString(publicKey, TrustedSigners.line(signer, pair.getPublic()) + "\n");
            }
            lines.add(Files.readString(publicKey).strip());
        }
        Files.writeString(dir.resolve("trusted-signers"), String.join("\n", lines) + "\n");
        return new LocalKeys(dir);
    }

    Path privateKey(String signer) {
        return dir.resolve(signer + ".pem");
    }

    Path trustFile() {
        return dir.resolve("trusted-signers");
    }

    /** The trust and signing settings of a service under {@code prefix}, signing as {@code signer}. */
    Map<String, String> settings(String prefix, String signer) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(prefix + ".trust.file", trustFile().toString());
        settings.put(prefix + ".trust.signing.name", signer);
        settings.put(prefix + ".trust.signing.key-file", privateKey(signer).toString());
        return settings;
    }

    /** Writes a secret into a file that is never readable by others, not even for a moment. */
    static void writePrivate(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
