package io.mcpbridge.dr.drctl.send;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.settings.Setting;
import io.mcpbridge.dr.drctl.settings.Settings;
import io.mcpbridge.dr.events.trust.Ed25519Keys;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.mcpbridge.dr.events.trust.TrustedSigners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The engineer's signing key, as {@code drctl keygen} wrote it. Like ssh, drctl will not sign with a private
 * key that others can read or anyone but its owner can change: whoever can read it can act as its owner. Group
 * read is allowed, because Kubernetes mounts a Secret group-readable for the pod's {@code fsGroup}.
 */
public final class EngineerKey {

    private EngineerKey() {}

    public static RecordSigner signer(Settings settings) {
        Setting identity = settings.setting(Settings.IDENTITY);
        if (identity == null) {
            throw new DrctlException(
                    ExitCodes.REFUSED,
                    "no identity to sign as: set --identity, MCPDR_IDENTITY or identity in " + settings.file());
        }
        if (!TrustedSigners.NAME.matcher(identity.value()).matches()) {
            throw new DrctlException(
                    ExitCodes.REFUSED,
                    "identity '" + identity.value() + "' (" + identity.origin() + ") must match "
                            + TrustedSigners.NAME.pattern());
        }
        Path file = settings.keyFile();
        if (!Files.isRegularFile(file)) {
            throw new DrctlException(
                    ExitCodes.REFUSED,
                    "no private key at " + file + "\n  make one with drctl keygen, or set --key-file, MCPDR_KEY_FILE"
                            + " or key.file in " + settings.file());
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream()
                    .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new DrctlException(
                        ExitCodes.REFUSED, "the private key " + file + " is open to others; run: chmod 600 " + file);
            }
            return new RecordSigner(identity.value(), Ed25519Keys.parsePrivate(Files.readString(file)));
        } catch (UnsupportedOperationException e) {
            throw new DrctlException(ExitCodes.REFUSED, "cannot check who may read " + file + " on this file system");
        } catch (IOException e) {
            throw new DrctlException(ExitCodes.FAILED, "cannot read the private key " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new DrctlException(ExitCodes.REFUSED, file + " is " + e.getMessage());
        }
    }
}
