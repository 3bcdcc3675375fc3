package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.health.ProbeKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Watches certificate expiry, from a PEM file or the chain a TLS server presents. The earliest expiry of
 * the chain decides: DEGRADED within the warning window, DOWN once expired or when nothing can be read.
 * It judges dates only; trust is the clients' business, so any chain is accepted for reading.
 */
final class TlsProbe implements Probe {

    private final Source source;
    private final Duration timeout;
    private final Duration expiryWarning;
    private final Executor blocking;
    private final Clock clock;

    /** Where the certificate comes from: a file or a server. */
    sealed interface Source permits FileSource, ServerSource {}

    record FileSource(Path file) implements Source {}

    record ServerSource(HostPort address) implements Source {}

    TlsProbe(Source source, Duration timeout, Duration expiryWarning, Executor blocking, Clock clock) {
        this.source = source;
        this.timeout = timeout;
        this.expiryWarning = expiryWarning;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.TLS;
    }

    @Override
    public String endpoint() {
        return source instanceof FileSource file ? "file:" + file.file() : "tls://" + ((ServerSource) source).address();
    }

    @Override
    public CompletionStage<ProbeResult> probe() {
        return CompletableFuture.supplyAsync(this::check, blocking);
    }

    private ProbeResult check() {
        Stopwatch watch = Stopwatch.start();
        List<X509Certificate> chain;
        try {
            chain = source instanceof FileSource file
                    ? readFile(file.file())
                    : handshake(((ServerSource) source).address());
        } catch (IOException | GeneralSecurityException e) {
            return ProbeResult.down("cannot read certificate: " + Failures.describe(e, timeout), watch.elapsed());
        }
        if (chain.isEmpty()) {
            return ProbeResult.down("no certificate found", watch.elapsed());
        }
        X509Certificate first = chain.stream()
                .min(Comparator.comparing(X509Certificate::getNotAfter))
                .orElseThrow();
        Instant expiry = first.getNotAfter().toInstant();
        Instant now = clock.instant();
        String subject = first.getSubjectX500Principal().getName();
        if (!expiry.isAfter(now)) {
            return ProbeResult.down("certificate " + subject + " expired at " + expiry, watch.elapsed());
        }
        Duration left = Duration.between(now, expiry);
        if (left.compareTo(expiryWarning) <= 0) {
            return ProbeResult.degraded(
                    "certificate " + subject + " expires at " + expiry + " (in " + left.toDays() + " days, warning at "
                            + expiryWarning.toDays() + ")",
                    watch.elapsed());
        }
        return ProbeResult.up(watch.elapsed());
    }

    private static List<X509Certificate> readFile(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            return certificates.stream().map(X509Certificate.class::cast).toList();
        }
    }

    private List<X509Certificate> handshake(HostPort address) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new ReadOnlyTrustManager()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            if (!Character.isDigit(address.host().charAt(0))) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(address.host())));
                socket.setSSLParameters(parameters);
            }
            socket.startHandshake();
            return Arrays.stream(socket.getSession().getPeerCertificates())
                    .map(X509Certificate.class::cast)
                    .toList();
        }
    }

    /** Accepts any chain: this probe reads expiry dates and never sends data over the connection. */
    private static final class ReadOnlyTrustManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
