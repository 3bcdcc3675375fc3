package io.mcpbridge.dr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Free loopback ports for peers started by tests. */
public final class FreePorts {

    private static final int BIND_ATTEMPTS = 3;

    private FreePorts() {}

    /**
     * Starts something on ports from {@link #next()}, again with new ports when a port was taken meanwhile
     * (a {@link java.net.BindException} anywhere in the failure).
     */
    public static <T> T retryOnBindFailure(Supplier<T> start) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            try {
                return start.get();
            } catch (RuntimeException e) {
                if (!causedByBind(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    private static boolean causedByBind(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Several ports that were free a moment ago, all different: each is held open until all are chosen, since
     * the system may hand out a port just released again (a broker given the same port for two listeners
     * refuses to start).
     */
    public static int[] distinct(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a probe socket: nothing to do
                }
            }
        }
    }

    /**
     * A port that was free a moment ago. Another process may take it before the caller binds it, so
     * callers that start servers retry with a new port when the bind fails.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
