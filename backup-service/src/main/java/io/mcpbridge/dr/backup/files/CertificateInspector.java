package io.mcpbridge.dr.backup.files;

import io.mcpbridge.dr.backup.archive.CertificateInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Subject and expiry of the certificates in a file (PEM or DER, one or a chain), for the manifest. Files
 * that hold no certificate (private keys, readme files) are passed over; nothing is read from a key.
 */
public final class CertificateInspector {

    private static final long MAX_CERTIFICATE_FILE = 1024 * 1024;

    private CertificateInspector() {}

    public static List<CertificateInfo> inspect(String entryName, Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".pem") || lower.endsWith(".crt") || lower.endsWith(".cer") || lower.endsWith(".der"))) {
            return List.of();
        }
        try {
            if (Files.size(file) > MAX_CERTIFICATE_FILE) {
                return List.of();
            }
            List<CertificateInfo> found = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file)) {
                for (Certificate certificate :
                        CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    if (certificate instanceof X509Certificate x509) {
                        found.add(new CertificateInfo(
                                entryName,
                                x509.getSubjectX500Principal().getName(),
                                x509.getNotAfter().toInstant()));
                    }
                }
            }
            return found;
        } catch (IOException | CertificateException e) {
            return List.of(); // a key or another PEM object: backed up, but not a certificate
        }
    }
}
