package io.mcpbridge.dr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real S3 API server (s3proxy, filesystem store) as a process of the caller's own on a free loopback
 * port, with one bucket. It runs from the jar named by the {@code s3proxy.jar} system property (the build
 * copies it there), off the test classpath.
 */
public final class S3Server extends PeerProcess {

    public static final String ACCESS_KEY = "test-ak";
    public static final String SECRET_KEY = "test-sk";
    public static final String BUCKET = "backups";

    private S3Server(int port, Path dir, Process process) {
        super(port, dir, process);
    }

    public static S3Server start() {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no s3proxy jar at system property s3proxy.jar (" + jar + "): run the"
                    + " tests through Maven, which copies it");
        }
        return startOnSomeFreePort(port -> startOnce(Path.of(jar), port));
    }

    private static S3Server startOnce(Path jar, int port) {
        Path dir;
        try {
            dir = Files.createTempDirectory("s3-" + port + "-");
            Files.createDirectories(dir.resolve("store").resolve(BUCKET)); // a directory is a bucket
            Files.writeString(
                    dir.resolve("s3proxy.conf"),
                    String.join(
                            "\n",
                            "s3proxy.endpoint=http://127.0.0.1:" + port,
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY,
                            "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir=" + dir.resolve("store"),
                            ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-XX:+UseSerialGC",
                            "-jar",
                            jar.toString(),
                            "--properties",
                            dir.resolve("s3proxy.conf").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run s3proxy: " + e.getMessage(), e);
        }
        S3Server server = new S3Server(port, dir, process);
        try {
            Awaitility.await("s3proxy on port " + port)
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || server.answers());
        } catch (ConditionTimeoutException e) {
            server.close();
            throw new IllegalStateException("s3proxy did not answer on port " + port);
        }
        if (!process.isAlive()) {
            server.close();
            throw new IllegalStateException("s3proxy exited at start (port " + port + " taken?)");
        }
        return server;
    }

    /** {@code http://127.0.0.1:<port()>}, for path-style access. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    private boolean answers() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint().toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
