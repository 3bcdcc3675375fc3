package io.mcpbridge.dr.system.proof;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Kubernetes Service for a TCP peer, as far as its clients can tell: one address that forwards to whichever
 * backend it points at now, or refuses every connection when it points at none (no ready endpoints). Moving it
 * drops the connections it carried, as the endpoints of a deleted pod do. The stand-in points it as the Service's
 * selector moves; the suite empties it to take the session store away.
 */
final class ServiceProxy implements AutoCloseable {

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Integer backend;
    private volatile boolean closed;

    private ServiceProxy(int backend) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.backend = backend;
        Thread accepting = new Thread(this::accept, "service-proxy-" + server.getLocalPort());
        accepting.setDaemon(true);
        accepting.start();
    }

    static ServiceProxy to(int backend) throws IOException {
        return new ServiceProxy(backend);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Points at another backend (null: none); the connections to the old one are dropped. */
    void pointTo(Integer port) {
        backend = port;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    Integer backend() {
        return backend;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            Integer to = backend;
            if (to == null) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), to);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // one side went away: so does the other
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "service-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        pointTo(null);
        server.close();
    }
}
