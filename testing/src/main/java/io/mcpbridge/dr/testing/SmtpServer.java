package io.mcpbridge.dr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real SMTP server (Debian's {@code python3-aiosmtpd}) as a process of the caller's own on a free loopback
 * port, storing every message it accepts in a Maildir, where a test reads what was really sent.
 */
public final class SmtpServer extends PeerProcess {

    /** The system Python that Debian's package installs into (not whatever python3 comes first on the PATH). */
    private static final String PYTHON =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    /**
     * A message as stored.
     *
     * @param headers its header lines, unfolded, as {@code name: value}
     * @param body    the text after the headers
     */
    public record Message(List<String> headers, String body) {

        /** The first value of a header; names are case-insensitive. */
        public String header(String name) {
            return headers.stream()
                    .filter(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(h -> h.substring(name.length() + 1).strip())
                    .findFirst()
                    .orElse("");
        }

        public String subject() {
            return header("Subject");
        }

        /** The body as text: quoted-printable decoded when the message says it is so encoded. */
        public String text() {
            if (!header("Content-Transfer-Encoding").equalsIgnoreCase("quoted-printable")) {
                return body;
            }
            String joined = body.replace("=\n", "");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < joined.length(); i++) {
                char c = joined.charAt(i);
                if (c == '=' && i + 2 < joined.length()) {
                    out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    out.write(c);
                }
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The recipients aiosmtpd saw in the envelope ({@code X-RcptTo}). */
        public String recipients() {
            return header("X-RcptTo");
        }
    }

    private final boolean startTls;

    private SmtpServer(int port, Path dir, Process process, boolean startTls) {
        super(port, dir, process);
        this.startTls = startTls;
    }

    /** Plain SMTP on loopback. */
    public static SmtpServer start() {
        return startOnSomeFreePort(port -> startOnce(port, false));
    }

    /**
     * SMTP that requires STARTTLS before it takes any mail, as relays do, with a self-signed certificate for
     * 127.0.0.1 made for it ({@link #certificate()}): a client that does not upgrade gets no mail through.
     */
    public static SmtpServer startRequiringStartTls() {
        return startOnSomeFreePort(port -> startOnce(port, true));
    }

    /** The server's certificate (PEM), for the client's trust store. */
    public Path certificate() {
        return dir().resolve("cert.pem");
    }

    private static SmtpServer startOnce(int port, boolean startTls) {
        Path dir;
        try {
            dir = Files.createTempDirectory("smtp-" + port + "-");
            if (startTls) {
                selfSigned(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port));
        if (startTls) {
            command.addAll(List.of(
                    "--tlscert",
                    dir.resolve("cert.pem").toString(),
                    "--tlskey",
                    dir.resolve("key.pem").toString()));
        }
        command.addAll(List.of(
                "-c", "aiosmtpd.handlers.Mailbox", dir.resolve("maildir").toString()));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("smtp.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run aiosmtpd (apt-get install python3-aiosmtpd): " + e.getMessage());
        }
        SmtpServer server = new SmtpServer(port, dir, process, startTls);
        try {
            Awaitility.await("SMTP server on port " + port)
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || server.greets());
        } catch (ConditionTimeoutException e) {
            server.close();
            throw new IllegalStateException("aiosmtpd did not answer on port " + port);
        }
        if (!process.isAlive()) {
            server.close();
            throw new IllegalStateException("aiosmtpd exited at start (port " + port + " taken, or python3-aiosmtpd "
                    + "missing: apt-get install python3-aiosmtpd)");
        }
        return server;
    }

    /** Every message accepted so far, oldest first. */
    public List<Message> messages() {
        Path fresh = dir().resolve("maildir").resolve("new");
        if (!Files.isDirectory(fresh)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(fresh)) {
            List<Path> sorted = files.sorted((a, b) -> {
                        try {
                            return Files.getLastModifiedTime(a).compareTo(Files.getLastModifiedTime(b));
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .toList();
            List<Message> messages = new ArrayList<>();
            for (Path file : sorted) {
                messages.add(parse(Files.readString(file)));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The settings that point the Quarkus mailer at this server, on loopback without login: plain, or upgraded with
     * STARTTLS and trusting this server's certificate alone.
     */
    public Properties mailerSettings() {
        Properties settings = new Properties();
        settings.setProperty("quarkus.mailer.host", "127.0.0.1");
        settings.setProperty("quarkus.mailer.port", Integer.toString(port()));
        settings.setProperty("quarkus.mailer.tls", "false");
        settings.setProperty("quarkus.mailer.mock", "false");
        if (startTls) {
            settings.setProperty("quarkus.mailer.start-tls", "REQUIRED");
            settings.setProperty("quarkus.mailer.tls-configuration-name", "smtp");
            settings.setProperty(
                    "quarkus.tls.smtp.trust-store.pem.certs", certificate().toString());
        } else {
            settings.setProperty("quarkus.mailer.start-tls", "DISABLED");
        }
        return settings;
    }

    private static void selfSigned(Path dir) throws IOException {
        Process openssl = new ProcessBuilder(List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=127.0.0.1",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1",
                        "-keyout",
                        dir.resolve("key.pem").toString(),
                        "-out",
                        dir.resolve("cert.pem").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile())
                .start();
        try {
            if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
                throw new IllegalStateException(
                        "openssl could not make a certificate: see " + dir.resolve("openssl.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted making a certificate", e);
        }
    }

    private static Message parse(String raw) {
        String text = raw.replace("\r\n", "\n");
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 2);
        List<String> headers = new ArrayList<>();
        for (String line : head.split("\n")) {
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                headers.set(headers.size() - 1, headers.get(headers.size() - 1) + " " + line.strip());
            } else {
                headers.add(line);
            }
        }
        return new Message(List.copyOf(headers), body);
    }

    private boolean greets() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 500);
            socket.setSoTimeout(1000);
            InputStream in = socket.getInputStream();
            byte[] greeting = new byte[3];
            return in.read(greeting) == 3 && new String(greeting).equals("220");
        } catch (IOException e) {
            return false;
        }
    }
}
