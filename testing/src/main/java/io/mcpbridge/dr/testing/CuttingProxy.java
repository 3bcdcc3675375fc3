package io.mcpbridge.dr.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback in front of a real server that can drop one connection part-way, the way a
 * network or a failing-over server drops it: the {@code n}-th connection is reset once its client has sent
 * {@code afterBytes}. Every other connection passes untouched. For tests of what a client does when its
 * peer goes away mid-stream.
 */
public final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile int cutConnection = -1;
    private volatile long cutAfterBytes = Long.MAX_VALUE;
    private final Thread acceptor;

    private CuttingProxy(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        this.acceptor = new Thread(this::accept, "cutting-proxy-" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public static CuttingProxy to(int targetPort) {
        try {
            return new CuttingProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Resets the {@code n}-th connection accepted from now on (1 is the next one) after its client sent so much. */
    public void cut(int n, long afterBytes) {
        cutConnection = accepted.get() + n;
        cutAfterBytes = afterBytes;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                int number = accepted.incrementAndGet();
                Socket server = new Socket();
                server.connect(target, 5_000);
                long limit = number == cutConnection ? cutAfterBytes : Long.MAX_VALUE;
                pump(client, server, limit, "up-" + number);
                pump(server, client, Long.MAX_VALUE, "down-" + number);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, long limit, String name) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    long sent = 0;
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int read;
                        while ((read = in.read(buffer)) >= 0) {
                            int allowed = (int) Math.min(read, limit - sent);
                            out.write(buffer, 0, allowed);
                            sent += allowed;
                            if (sent >= limit) {
                                from.setSoLinger(true, 0); // a reset, not an orderly close
                                to.setSoLinger(true, 0);
                                break;
                            }
                        }
                    } catch (IOException e) {
                        // the other direction closed it
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                    }
                },
                "cutting-proxy-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
