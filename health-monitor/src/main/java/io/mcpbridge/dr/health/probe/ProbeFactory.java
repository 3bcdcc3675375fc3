package io.mcpbridge.dr.health.probe;

import io.mcpbridge.dr.events.config.SecretUrls;
import io.mcpbridge.dr.health.config.MonitorConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/** Builds the probe a target's configuration describes, refusing incomplete configuration at start. */
final class ProbeFactory {

    private final HttpClient http;
    private final Vertx vertx;
    private final Executor blocking;
    private final Clock clock;

    ProbeFactory(Vertx vertx, Executor blocking, Clock clock) {
        this.vertx = vertx;
        this.blocking = blocking;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(blocking)
                .build();
    }

    Probe create(String name, MonitorConfig.Target target) {
        return switch (target.type()) {
            case HTTP ->
                new HttpProbe(
                        http,
                        url(name, target),
                        target.expectStatus(),
                        target.timeout(),
                        jsonCheck(name, target),
                        target.degradedAbove());
            case REDIS -> new RedisProbe(vertx, url(name, target), target.timeout(), target.requireAof());
            case TCP ->
                new TcpProbe(
                        HostPort.parse(address(name, target), name),
                        target.timeout(),
                        target.degradedAbove(),
                        blocking);
            case TLS ->
                new TlsProbe(tlsSource(name, target), target.timeout(), target.expiryWarning(), blocking, clock);
        };
    }

    private static URI url(String name, MonitorConfig.Target target) {
        String text = target.url()
                .orElseThrow(() -> new IllegalArgumentException(
                        "target " + name + " (" + target.type() + ") needs mcpdr.probes.targets." + name + ".url"));
        return SecretUrls.parse(text, "mcpdr.probes.targets." + name + ".url");
    }

    private static String address(String name, MonitorConfig.Target target) {
        return target.address()
                .orElseThrow(() -> new IllegalArgumentException(
                        "target " + name + " (" + target.type() + ") needs mcpdr.probes.targets." + name + ".address"));
    }

    private static Optional<JsonFieldCheck> jsonCheck(String name, MonitorConfig.Target target) {
        if (target.jsonField().isEmpty()) {
            if (target.jsonEquals().isPresent() || target.jsonContains().isPresent()) {
                throw new IllegalArgumentException("target " + name + ": json-equals/json-contains need json-field");
            }
            return Optional.empty();
        }
        return Optional.of(new JsonFieldCheck(target.jsonField().get(), target.jsonEquals(), target.jsonContains()));
    }

    private static TlsProbe.Source tlsSource(String name, MonitorConfig.Target target) {
        if (target.certificateFile().isPresent() == target.address().isPresent()) {
            throw new IllegalArgumentException(
                    "target " + name + " (TLS) needs exactly one of certificate-file and address");
        }
        return target.certificateFile()
                .<TlsProbe.Source>map(TlsProbe.FileSource::new)
                .orElseGet(() -> new TlsProbe.ServerSource(
                        HostPort.parse(target.address().get(), name)));
    }
}
