package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.health.ProbeKind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/** Connects to {@code host:port}: UP when the connection is accepted within the timeout. */
final class TcpProbe implements Probe {

    private final HostPort address;
    private final Duration timeout;
    private final Optional<Duration> degradedAbove;
    private final Executor blocking;

    TcpProbe(HostPort address, Duration timeout, Optional<Duration> degradedAbove, Executor blocking) {
        this.address = address;
        this.timeout = timeout;
        this.degradedAbove = degradedAbove;
        this.blocking = blocking;
    }

    @Override
    public ProbeKind kind() {
        return ProbeKind.TCP;
    }

    @Override
    public String endpoint() {
        return "tcp://" + address;
    }

    @Override
    public CompletionStage<ProbeResult> probe() {
        return CompletableFuture.supplyAsync(this::connect, blocking);
    }

    private ProbeResult connect() {
        Stopwatch watch = Stopwatch.start();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) timeout.toMillis());
        } catch (IOException e) {
            return ProbeResult.down(Failures.describe(e, timeout), watch.elapsed());
        }
        Duration latency = watch.elapsed();
        if (degradedAbove.isPresent() && latency.compareTo(degradedAbove.get()) > 0) {
            return ProbeResult.degraded("slow: connected in " + latency.toMillis() + " ms", latency);
        }
        return ProbeResult.up(latency);
    }
}
