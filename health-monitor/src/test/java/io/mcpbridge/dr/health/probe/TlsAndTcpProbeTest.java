package io.mcpbridge.dr.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpbridge.dr.events.health.HealthState;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate expiry from files and from a live TLS server, and the TCP probe, on real sockets and files. */
class TlsAndTcpProbeTest {

    private static final Duration WARNING = Duration.ofDays(14);
    private static final ExecutorService BLOCKING = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @AfterAll
    static void stop() {
        BLOCKING.shutdownNow();
    }

    @Test
    void certificateFarFromExpiryIsUp() throws Exception {
        assertThat(run(fileProbe(certificate("fresh", "+0d", 400))).observed()).isEqualTo(HealthState.UP);
    }

    @Test
    void certificateWithinTheWarningWindowIsDegraded() throws Exception {
        ProbeResult result = run(fileProbe(certificate("soon", "+0d", 5)));

        assertThat(result.observed()).isEqualTo(HealthState.DEGRADED);
        assertThat(result.error()).contains("CN=soon").contains("warning at 14");
    }

    @Test
    void expiredCertificateIsDown() throws Exception {
        ProbeResult result = run(fileProbe(certificate("old", "-10d", 2)));

        assertThat(result.observed()).isEqualTo(HealthState.DOWN);
        assertThat(result.error()).contains("CN=old").contains("expired");
    }

    @Test
    void missingFileIsDown() {
        ProbeResult result = run(fileProbe(dir.resolve("absent.pem")));

        assertThat(result.observed()).isEqualTo(HealthState.DOWN);
        assertThat(result.error()).startsWith("cannot read certificate");
    }

    @Test
    void serverCertificateIsReadFromTheHandshake() throws Exception {
        Path keystore = keystore("server", "+0d", 5);
        SSLContext context = SSLContext.getInstance("TLS");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        context.init(keys.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BLOCKING.execute(() -> {
                try (SSLSocket client = (SSLSocket) server.accept()) {
                    client.startHandshake();
                } catch (IOException ignored) {
                    // the probe closes right after the handshake
                }
            });
            TlsProbe probe = new TlsProbe(
                    new TlsProbe.ServerSource(new HostPort("127.0.0.1", server.getLocalPort())),
                    Duration.ofSeconds(2),
                    WARNING,
                    BLOCKING,
                    Clock.systemUTC());

            ProbeResult result = run(probe);

            assertThat(result.observed()).isEqualTo(HealthState.DEGRADED);
            assertThat(result.error()).contains("CN=server");
        }
    }

    @Test
    void tcpProbeSeesListeningAndClosedPorts() throws IOException {
        int closedPort;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TcpProbe open = new TcpProbe(
                    new HostPort("127.0.0.1", listening.getLocalPort()),
                    Duration.ofSeconds(1),
                    Optional.empty(),
                    BLOCKING);
            assertThat(run(open).observed()).isEqualTo(HealthState.UP);
            closedPort = listening.getLocalPort();
        }
        TcpProbe closed =
                new TcpProbe(new HostPort("127.0.0.1", closedPort), Duration.ofSeconds(1), Optional.empty(), BLOCKING);

        ProbeResult result = run(closed);

        assertThat(result.observed()).isEqualTo(HealthState.DOWN);
        assertThat(result.error()).isEqualTo("connection refused");
    }

    private TlsProbe fileProbe(Path file) {
        return new TlsProbe(new TlsProbe.FileSource(file), Duration.ofSeconds(1), WARNING, BLOCKING, Clock.systemUTC());
    }

    /** A self-signed certificate made by the JDK's keytool, exported as PEM. */
    private Path certificate(String cn, String startDate, int validityDays) throws Exception {
        Path keystore = keystore(cn, startDate, validityDays);
        Path pem = dir.resolve(cn + ".pem");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                cn,
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-file",
                pem.toString());
        return pem;
    }

    private Path keystore(String cn, String startDate, int validityDays) throws Exception {
        Path keystore = dir.resolve(cn + ".p12");
        keytool(
                "-genkeypair",
                "-alias",
                cn,
                "-keyalg",
                "EC",
                "-dname",
                "CN=" + cn,
                "-startdate",
                startDate,
                "-validity",
                Integer.toString(validityDays),
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit");
        return keystore;
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static ProbeResult run(Probe probe) {
        return probe.probe()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }
}
