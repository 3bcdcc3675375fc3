package io.mcpbridge.dr.drctl.commands;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.settings.Setting;
import io.mcpbridge.dr.drctl.settings.Settings;
import io.mcpbridge.dr.events.trust.Ed25519Keys;
import io.mcpbridge.dr.events.trust.TrustedSigners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "keygen",
        description = {
            "Make your signing key pair: the private key (mode 0600) at the key file, the public line beside it"
                    + " (.pub), and print the line an operator adds to the services' trusted signers."
        })
public final class KeygenCommand extends DrctlCommand {

    @Option(names = "--force", description = "Replace an existing key (the old one stops working once untrusted).")
    boolean force;

    @Override
    protected int run() {
        Settings settings = connection.settings();
        Setting identity = settings.setting(Settings.IDENTITY);
        if (identity == null || !TrustedSigners.NAME.matcher(identity.value()).matches()) {
            throw new DrctlException(
                    ExitCodes.REFUSED,
                    "name yourself with --identity (letters, digits, '.', '_', '@', '-'): the services trust your key"
                            + " under that name");
        }
        Path privateKey = settings.keyFile().toAbsolutePath();
        Path publicKey = Path.of(privateKey + ".pub");
        if (Files.exists(privateKey) && !force) {
            throw new DrctlException(ExitCodes.REFUSED, privateKey + " exists; keep it, or replace it with --force");
        }
        KeyPair pair = Ed25519Keys.generate();
        String line = TrustedSigners.line(identity.value(), pair.getPublic());
        try {
            Files.createDirectories(privateKey.getParent());
            Files.deleteIfExists(privateKey);
            // Created with its final mode: never readable by others, not even for a moment.
            Files.createFile(
                    privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateKey, Ed25519Keys.privatePem(pair.getPrivate()), StandardOpenOption.WRITE);
            Files.writeString(publicKey, line + "\n");
            rememberIdentity(settings, identity.value());
        } catch (IOException e) {
            throw new DrctlException(ExitCodes.FAILED, "cannot write " + privateKey + ": " + e.getMessage());
        }
        terminal.note(
                "private key: " + privateKey + " (mode 0600, key id " + Ed25519Keys.keyId(pair.getPublic()) + ")");
        terminal.note("public line: " + publicKey);
        terminal.note("Ask an operator to add this line to the services' trusted signers"
                + " (the trusted-signers Secret, or mcpdr.*.trust.file):");
        terminal.println(line);
        return ExitCodes.DONE;
    }

    /** Writes {@code identity=} into the settings file when it names nobody, so later commands sign as this. */
    private void rememberIdentity(Settings settings, String identity) throws IOException {
        Path file = settings.file();
        if (settings.fileExists()
                && Files.readString(file).lines().anyMatch(l -> l.strip().startsWith("identity"))) {
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, "identity=" + identity + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        terminal.note("identity " + identity + " written to " + file);
    }
}
