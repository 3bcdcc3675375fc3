package io.mcpbridge.dr.backup.operation;

import io.mcpbridge.dr.backup.redis.RedisEndpoint;
import io.mcpbridge.dr.events.backup.RestoreTargets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where a restore may write: the original places, or targets this service is configured with. A command
 * names a target and never gives an address, so whoever can publish a command cannot have production data
 * and the Redis password sent to a host of their choosing: a Redis target is a configured name
 * ({@code standby}, {@code dr}), a namespace must match a configured pattern (the DR site's, a drill's
 * scratch namespace), a directory must be one of the configured ones.
 */
public final class RestoreDestinations {

    private static final Pattern TARGET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Sources original;
    private final Map<String, RedisEndpoint> redis;
    private final List<Pattern> namespaces;
    private final List<Path> directories;
    private final Disposable disposable;

    /**
     * The targets a DISCARD may empty, by name: a drill's scratch places. Each must also be a restore target.
     *
     * @param redis       names of Redis targets
     * @param namespaces  namespace names (exact)
     * @param directories base directories
     */
    public record Disposable(Set<String> redis, Set<String> namespaces, Set<Path> directories) {

        public static final Disposable NONE = new Disposable(Set.of(), Set.of(), Set.of());

        public Disposable {
            redis = Set.copyOf(redis);
            namespaces = Set.copyOf(namespaces);
            directories = directories.stream()
                    .map(path -> path.toAbsolutePath().normalize())
                    .collect(Collectors.toUnmodifiableSet());
        }
    }

    /** What a DISCARD empties: each present part is a disposable target. */
    public record Discarded(Optional<RedisEndpoint> redis, Optional<String> namespace, Optional<Path> directory) {}

    private RestoreDestinations(
            Sources original,
            Map<String, RedisEndpoint> redis,
            List<Pattern> namespaces,
            List<Path> directories,
            Disposable disposable) {
        this.original = original;
        this.redis = Map.copyOf(redis);
        this.namespaces = List.copyOf(namespaces);
        this.directories = List.copyOf(directories);
        this.disposable = disposable;
    }

    /** Nothing but the places the backups came from. */
    public static RestoreDestinations originalOnly(Sources original) {
        return new RestoreDestinations(original, Map.of(), List.of(), List.of(), Disposable.NONE);
    }

    /** These targets may also be emptied by DISCARD. */
    public RestoreDestinations withDisposable(Disposable targets) {
        return new RestoreDestinations(original, redis, namespaces, directories, targets);
    }

    /** Whether a restore into this namespace writes into a disposable one (its resources are then labelled). */
    public boolean disposableNamespace(String namespace) {
        return !namespace.equals(original.namespace())
                && disposable.namespaces().contains(namespace);
    }

    /**
     * What a DISCARD with these targets empties.
     *
     * @throws IllegalArgumentException when no target is named, or one is not configured as disposable
     */
    public Discarded discarded(RestoreTargets targets) {
        if (targets == null || (blank(targets.redis()) && blank(targets.namespace()) && blank(targets.directory()))) {
            throw new IllegalArgumentException(
                    "DISCARD empties restore targets and names none; disposable: " + describe(disposable));
        }
        Sources into = resolve(targets);
        Optional<RedisEndpoint> redisTarget = Optional.empty();
        if (!blank(targets.redis())) {
            requireDisposable(disposable.redis().contains(targets.redis().strip()), "Redis target", targets.redis());
            redisTarget = Optional.of(into.redis());
        }
        Optional<String> namespace = Optional.empty();
        if (!blank(targets.namespace())) {
            requireDisposable(disposableNamespace(into.namespace()), "namespace", targets.namespace());
            namespace = Optional.of(into.namespace());
        }
        Optional<Path> directory = Optional.empty();
        if (!blank(targets.directory())) {
            Path base = into.configs().getParent();
            requireDisposable(disposable.directories().contains(base), "directory", targets.directory());
            directory = Optional.of(base);
        }
        return new Discarded(redisTarget, namespace, directory);
    }

    private void requireDisposable(boolean disposableTarget, String what, String name) {
        if (!disposableTarget) {
            throw new IllegalArgumentException(
                    what + " '" + name.strip() + "' is not disposable; disposable: " + describe(disposable));
        }
    }

    private static String describe(Disposable targets) {
        return "redis " + targets.redis() + ", namespaces " + targets.namespaces() + ", directories "
                + targets.directories();
    }

    /** Also a Redis known by {@code name}. */
    public RestoreDestinations withRedis(String name, RedisEndpoint endpoint) {
        if (!TARGET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Redis target name '" + name + "' must match " + TARGET_NAME.pattern());
        }
        Map<String, RedisEndpoint> more = new LinkedHashMap<>(redis);
        more.put(name, endpoint);
        return new RestoreDestinations(original, more, namespaces, directories, disposable);
    }

    /** Also the namespaces whose whole name matches one of these regular expressions. */
    public RestoreDestinations withNamespaces(List<String> patterns) {
        List<Pattern> more = new ArrayList<>(namespaces);
        patterns.stream()
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .map(Pattern::compile)
                .forEach(more::add);
        return new RestoreDestinations(original, redis, more, directories, disposable);
    }

    /** Also these base directories. */
    public RestoreDestinations withDirectories(List<Path> allowed) {
        List<Path> more = new ArrayList<>(directories);
        allowed.stream().map(path -> path.toAbsolutePath().normalize()).forEach(more::add);
        return new RestoreDestinations(original, redis, namespaces, more, disposable);
    }

    /**
     * Where a restore with these targets writes.
     *
     * @throws IllegalArgumentException when a target is not configured, saying what is
     */
    public Sources resolve(RestoreTargets targets) {
        if (targets == null) {
            return original;
        }
        RedisEndpoint redisTarget = blank(targets.redis())
                ? original.redis()
                : redis(targets.redis().strip());
        String namespace = blank(targets.namespace())
                ? original.namespace()
                : namespace(targets.namespace().strip());
        Path configs = original.configs();
        Path certs = original.certs();
        if (!blank(targets.directory())) {
            Path base = directory(targets.directory().strip());
            configs = base.resolve("configs");
            certs = base.resolve("certs");
        }
        return new Sources(configs, certs, redisTarget, namespace, Optional.empty());
    }

    private RedisEndpoint redis(String name) {
        if (!TARGET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a Redis restore target is the name of a configured target, never an "
                    + "address; configured: " + redis.keySet());
        }
        RedisEndpoint endpoint = redis.get(name);
        if (endpoint == null) {
            throw new IllegalArgumentException("no Redis target named '" + name + "'; configured: " + redis.keySet());
        }
        return endpoint;
    }

    private String namespace(String name) {
        if (name.equals(original.namespace())
                || namespaces.stream().anyMatch(p -> p.matcher(name).matches())) {
            return name;
        }
        throw new IllegalArgumentException("namespace '" + name + "' is not a configured restore target; allowed: "
                + original.namespace() + " and " + namespaces);
    }

    private Path directory(String text) {
        Path path = Path.of(text).toAbsolutePath().normalize();
        if (directories.contains(path)) {
            return path;
        }
        throw new IllegalArgumentException(
                "directory '" + text + "' is not a configured restore target; allowed: " + directories);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
