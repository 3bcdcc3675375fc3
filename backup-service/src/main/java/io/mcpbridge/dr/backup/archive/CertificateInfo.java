package io.mcpbridge.dr.backup.archive;

import java.time.Instant;

/**
 * A certificate found in the certificate tree, as recorded in the manifest.
 *
 * @param path     the archive entry holding it
 * @param subject  its subject distinguished name
 * @param notAfter when it expires
 */
public record CertificateInfo(String path, String subject, Instant notAfter) {}
