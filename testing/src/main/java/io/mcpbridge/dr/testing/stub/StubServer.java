package io.mcpbridge.dr.testing.stub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.mcpbridge.dr.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * A loopback HTTP server standing in for an external service that has no emulator (Slack, PagerDuty).
 * It checks every request against the service's documented rules, records it, and answers as the service
 * would, unless the test scripted the next answers (rate limits, server errors, slow answers) to see how
 * the sender copes.
 *
 * <p>Answers run on a pool of threads, so a delayed answer holds up no other request.
 */
public abstract class StubServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK add about 40 ms to every answer, which would be the stub's latency, not the
        // sender's. Read once, when the JDK's server configuration first loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final int BIND_ATTEMPTS = 5;
    private static final Duration AWAIT_POLL = Duration.ofMillis(20);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String name;
    private final HttpServer server;
    private final ExecutorService workers;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Queue<Script> scripts = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();
    /**
     * Held while a request is judged (which may change the stub's state) and recorded, and while {@link #clear}
     * runs: a test that saw the change a request made and then clears never finds that request among its own.
     */
    private final Object judging = new Object();

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Binds a free loopback port; subclasses declare their endpoints, then call {@link #startServing()}. */
    protected StubServer(String name) {
        this.name = name;
        this.server = bind(name);
        this.workers = Executors.newCachedThreadPool(daemonThreads(name));
        server.createContext("/", this::handle);
        server.setExecutor(workers);
    }

    /** A request as read off the wire, before the stub judged and answered it. */
    protected record Incoming(
            String method, String path, Map<String, List<String>> headers, String body, int bodyBytes, JsonNode json) {

        /** The first value of a header; names are case-insensitive. */
        public Optional<String> header(String headerName) {
            List<String> values = headers.get(headerName);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        public boolean isJson() {
            return !json.isMissingNode();
        }
    }

    /**
     * Serves POST requests whose path matches (the first matching endpoint wins). {@code check} lists what
     * the real service would reject; {@code answer} is the service's own answer given those violations. It
     * runs only when no answer is scripted, so it may count or record what the service would keep.
     */
    protected final void serve(
            Predicate<String> path,
            Function<Incoming, List<String>> check,
            BiFunction<Incoming, List<String>, StubAnswer> answer) {
        serve("POST", path, check, answer);
    }

    /** Serves requests of this method whose path matches; requests of other methods on the path get 405. */
    protected final void serve(
            String method,
            Predicate<String> path,
            Function<Incoming, List<String>> check,
            BiFunction<Incoming, List<String>, StubAnswer> answer) {
        routes.add(new Route(method, path, check, answer));
    }

    /** Starts answering; called by the subclass once its endpoints are declared. */
    protected final void startServing() {
        server.start();
    }

    /** The service's answer to a request over its rate limit; subclasses give the service's own body. */
    protected StubAnswer rateLimited(Incoming request, int retryAfterSeconds) {
        return StubAnswer.text(429, "rate_limited").withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Answers the next request (after any answers scripted earlier) with exactly this, whatever the request.
     * Without a {@code Content-Type} header, JSON is assumed when the body looks like JSON.
     */
    public void answerNext(int status, Map<String, String> headers, String body) {
        StubAnswer fixed = StubAnswer.of(status, headers, body);
        scripts.add((request, ownAnswer) -> fixed);
    }

    /** Answers the next request with an error, for example {@code failNext(500, "rollup_error")}. */
    public void failNext(int status, String body) {
        answerNext(status, Map.of(), body);
    }

    /** Answers the next request with 429 and {@code Retry-After: <seconds>}, in the service's own words. */
    public void rateLimitNext(int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("negative Retry-After: " + retryAfterSeconds);
        }
        scripts.add((request, ownAnswer) -> rateLimited(request, retryAfterSeconds));
    }

    /**
     * Holds the answer to the next request back by {@code delay}: the answer is the one the service would
     * give. A client with a shorter timeout sees a time-out although the service acted on the request.
     */
    public void delayNext(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        scripts.add((request, ownAnswer) -> ownAnswer.get().delayedBy(delay));
    }

    /** How many scripted answers no request has used yet. */
    public int scriptedAnswersLeft() {
        return scripts.size();
    }

    /** Every request received, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(recorded);
    }

    /** The requests the real service would have acted on: valid and answered 2xx. */
    public List<RecordedRequest> accepted() {
        return recorded.stream().filter(RecordedRequest::accepted).toList();
    }

    /** Waits (bounded) until at least {@code count} requests arrived, and returns them all. */
    public List<RecordedRequest> awaitRequests(int count, Duration atMost) {
        await(count + " request(s)", atMost, () -> recorded.size() >= count);
        return requests();
    }

    /** Waits (bounded) until at least {@code count} requests were accepted, and returns the accepted ones. */
    public List<RecordedRequest> awaitAccepted(int count, Duration atMost) {
        await(count + " accepted request(s)", atMost, () -> accepted().size() >= count);
        return accepted();
    }

    /**
     * The largest number of accepted requests received within any window of this length, to check that a
     * sender kept to the service's rate (Slack: about one message per second).
     */
    public int maxRequestsInAnyWindow(Duration window) {
        return SlidingWindow.maxInAnyWindow(
                accepted().stream().map(RecordedRequest::receivedAt).toList(), window);
    }

    /** Forgets the recorded requests and any scripted answers not used yet. */
    public void clear() {
        synchronized (judging) {
            scripts.clear();
            recorded.clear();
        }
    }

    /** Stops listening at once; answers still held back by a delay are dropped. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            workers.shutdownNow();
        }
    }

    private void await(String what, Duration atMost, Callable<Boolean> condition) {
        Awaitility.await(name + ": " + what)
                .atMost(atMost)
                .pollDelay(Duration.ZERO)
                .pollInterval(AWAIT_POLL)
                .until(condition);
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Instant receivedAt = Instant.now();
            Incoming request = read(exchange);
            Judgement judgement;
            synchronized (judging) {
                judgement = judge(request);
                recorded.add(new RecordedRequest(
                        receivedAt,
                        request.method(),
                        request.path(),
                        request.headers(),
                        request.body(),
                        request.json(),
                        judgement.violations(),
                        judgement.answer()));
            }
            StubAnswer answer = judgement.answer();
            if (!answer.delay().isZero()) {
                // Holds only this worker; the pool answers other requests meanwhile.
                Thread.sleep(answer.delay().toMillis());
            }
            send(exchange, answer);
        } catch (IOException e) {
            // The client went away, typically after giving up on a delayed answer.
        } catch (InterruptedException e) {
            // close() while an answer was held back.
            Thread.currentThread().interrupt();
        }
    }

    private Judgement judge(Incoming request) {
        try {
            List<Route> onPath =
                    routes.stream().filter(r -> r.path().test(request.path())).toList();
            Route route = onPath.stream()
                    .filter(r -> r.method().equals(request.method()))
                    .findFirst()
                    .orElse(null);
            List<String> violations;
            Supplier<StubAnswer> ownAnswer;
            if (onPath.isEmpty()) {
                violations = List.of("no endpoint at " + request.path());
                ownAnswer = () -> StubAnswer.text(404, "not_found");
            } else if (route == null) {
                String allowed =
                        String.join(", ", onPath.stream().map(Route::method).toList());
                violations = List.of(request.method() + " " + request.path() + ": only " + allowed + " is served");
                ownAnswer = () -> StubAnswer.text(405, "method_not_allowed").withHeader("Allow", allowed);
            } else {
                List<String> found = List.copyOf(route.check().apply(request));
                violations = found;
                ownAnswer = () -> route.answer().apply(request, found);
            }
            Script script = scripts.poll();
            StubAnswer answer = script == null ? ownAnswer.get() : script.answer(request, ownAnswer);
            return new Judgement(violations, answer);
        } catch (RuntimeException e) {
            // A defect of the stub itself: make it loud in the test rather than a dropped connection.
            return new Judgement(List.of("the stub failed on this request: " + e), StubAnswer.text(500, "stub_error"));
        }
    }

    private static Incoming read(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        String body = new String(bytes, StandardCharsets.UTF_8);
        return new Incoming(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                headersOf(exchange.getRequestHeaders()),
                body,
                bytes.length,
                parse(body));
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static Map<String, List<String>> headersOf(Headers headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((headerName, values) -> copy.put(headerName, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    private static void send(HttpExchange exchange, StubAnswer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        boolean noBody = bytes.length == 0
                || answer.status() == 204
                || answer.status() == 304
                || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(answer.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static HttpServer bind(String name) {
        IOException last = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            try {
                return HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 64);
            } catch (BindException e) {
                // Another process took the port between picking and binding it: pick again.
                last = e;
            } catch (IOException e) {
                throw new UncheckedIOException(name + " cannot listen on loopback", e);
            }
        }
        throw new UncheckedIOException(name + " found no free port in " + BIND_ATTEMPTS + " attempts", last);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** An endpoint: which paths, how requests are checked, and the service's own answer. */
    private record Route(
            String method,
            Predicate<String> path,
            Function<Incoming, List<String>> check,
            BiFunction<Incoming, List<String>, StubAnswer> answer) {}

    /** What was found wrong with a request and what it gets. */
    private record Judgement(List<String> violations, StubAnswer answer) {}

    /** A scripted answer for one request; it may build on the answer the service would give. */
    @FunctionalInterface
    private interface Script {
        StubAnswer answer(Incoming request, Supplier<StubAnswer> ownAnswer);
    }
}
