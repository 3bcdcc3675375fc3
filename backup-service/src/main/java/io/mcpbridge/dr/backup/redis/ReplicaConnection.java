package io.mcpbridge.dr.backup.redis;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A connection that asks a Redis for its snapshot as a replica does, and as {@code redis-cli --rdb} does: AUTH,
 * {@code REPLCONF capa eof} (a diskless snapshot may come with an end mark), {@code REPLCONF rdb-only 1} (Redis 7.0
 * and later close the connection after the snapshot instead of streaming writes), then {@code SYNC}. The server
 * forks when it takes SYNC: the RDB it sends is that one moment of the data set. It never changes the server's
 * configuration.
 */
final class ReplicaConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private ReplicaConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /**
     * Connects and authenticates.
     *
     * @param timeout bound on connecting and on each wait for the server (it sends a newline every second while it
     *                prepares the snapshot, so a slow fork does not count against it)
     */
    static ReplicaConnection open(RedisEndpoint endpoint, Duration timeout) throws IOException {
        Socket socket =
                endpoint.tls() ? verifyingHost(SSLSocketFactory.getDefault().createSocket()) : new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setReceiveBufferSize(1024 * 1024);
            ReplicaConnection connection = new ReplicaConnection(socket);
            if (endpoint.password().isPresent()) {
                String reply = connection.command("AUTH", endpoint.password().get());
                if (!reply.startsWith("+")) {
                    // The reply, never the password.
                    throw new IOException("Redis refused the password: " + reply);
                }
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A TLS socket checks the server's certificate names the host, as the Redis client does. */
    private static Socket verifyingHost(Socket socket) {
        SSLSocket tls = (SSLSocket) socket;
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        return tls;
    }

    /**
     * Asks for the snapshot; the stream holds the RDB and ends with it.
     *
     * @throws ReplicationRefusedException when the server will not hand it to a replica
     */
    RdbStream sync() throws IOException {
        String capability = command("REPLCONF", "capa", "eof");
        if (capability.startsWith("-")) {
            throw new ReplicationRefusedException("REPLCONF refused: " + capability);
        }
        // Older servers do not know rdb-only; they stream writes after the snapshot, which the RdbStream leaves unread.
        command("REPLCONF", "rdb-only", "1");
        write("SYNC");
        String header = line(true);
        if (header.startsWith("-")) {
            throw new ReplicationRefusedException("SYNC refused: " + header);
        }
        if (header.startsWith("$EOF:")) {
            byte[] mark = header.substring(5).getBytes(StandardCharsets.US_ASCII);
            if (mark.length != RdbStream.MARK_LENGTH) {
                throw new IOException("the snapshot's end mark is not " + RdbStream.MARK_LENGTH + " bytes long");
            }
            return RdbStream.endingWith(in, mark);
        }
        if (header.startsWith("$")) {
            try {
                return RdbStream.ofLength(in, Long.parseLong(header.substring(1)));
            } catch (NumberFormatException e) {
                throw new IOException("the snapshot's length is not a number: " + header);
            }
        }
        throw new IOException("unexpected answer to SYNC: " + abbreviate(header));
    }

    /** Sends a command and reads its one-line reply ({@code +OK}, {@code -ERR ...}). */
    private String command(String... arguments) throws IOException {
        write(arguments);
        return line(false);
    }

    private void write(String... arguments) throws IOException {
        StringBuilder request = new StringBuilder("*").append(arguments.length).append("\r\n");
        for (String argument : arguments) {
            byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
            request.append('$')
                    .append(bytes.length)
                    .append("\r\n")
                    .append(argument)
                    .append("\r\n");
        }
        out.write(request.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * One reply line without its CRLF.
     *
     * @param skipKeepalives whether to skip the bare newlines a master sends while it prepares the snapshot
     */
    private String line(boolean skipKeepalives) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("Redis closed the connection");
            }
            if (next == '\n') {
                if (line.size() == 0 && skipKeepalives) {
                    continue;
                }
                break;
            }
            if (next != '\r') {
                line.write(next);
            }
            if (line.size() > 4096) {
                throw new IOException("a reply line longer than 4096 bytes");
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
