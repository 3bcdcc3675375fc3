package io.mcpbridge.dr.testing;

import io.mcpbridge.dr.events.EventType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the event classes a service's {@code @RegisterForReflection} list leaves out. Jackson reaches a payload
 * record, the records and enums in its components and the type arguments of its lists and maps by reflection; a
 * native image allows that only for registered classes, so a class missing from the list passes every test on a
 * JVM and fails in production, on the first event that carries it.
 *
 * <p>Only classes of the events module are demanded: the JDK types in payloads (times, durations, collections)
 * need no registration of ours. The envelope is not demanded either: {@code EventRecords} writes its attributes as
 * Kafka headers, and only the payload goes through Jackson.
 */
public final class NativeReflectionCheck {

    static final String EVENTS_PACKAGE = "io.mcpbridge.dr.events";

    private final String packageName;
    private final Set<Class<?>> needed = new LinkedHashSet<>();
    private final Set<Type> visited = new HashSet<>();

    private NativeReflectionCheck(String packageName) {
        this.packageName = packageName;
    }

    /**
     * The classes the payloads of {@code readOrWritten} need that {@code registration} does not register.
     *
     * @param registration the class carrying the service's {@code @RegisterForReflection(targets = ...)}
     * @param readOrWritten every event type the service reads or writes
     * @return binary class names, sorted; empty when nothing is missing
     */
    public static List<String> missingFrom(Class<?> registration, Collection<EventType> readOrWritten) {
        return missingFrom(
                registration, readOrWritten.stream().map(EventType::payloadType).toList(), EVENTS_PACKAGE);
    }

    /** As above, for payload classes of any package: the check's own tests use records of their own. */
    static List<String> missingFrom(Class<?> registration, Collection<Class<?>> payloadTypes, String packageName) {
        Set<String> registered = registeredNames(registration);
        NativeReflectionCheck check = new NativeReflectionCheck(packageName);
        payloadTypes.forEach(check::collect);
        return check.needed.stream()
                .map(Class::getName)
                .filter(name -> !registered.contains(name))
                .sorted()
                .toList();
    }

    /**
     * The targets and class names of the annotation, and, unless it says {@code ignoreNested}, the classes nested in
     * the targets, which the build registers along with them.
     */
    private static Set<String> registeredNames(Class<?> registration) {
        RegisterForReflection annotation = registration.getAnnotation(RegisterForReflection.class);
        if (annotation == null) {
            throw new IllegalArgumentException(
                    registration.getName() + " is not annotated @" + RegisterForReflection.class.getSimpleName());
        }
        Set<String> names = new HashSet<>(Arrays.asList(annotation.classNames()));
        for (Class<?> target : annotation.targets()) {
            addWithNested(target, !annotation.ignoreNested(), names);
        }
        return names;
    }

    private static void addWithNested(Class<?> target, boolean withNested, Set<String> names) {
        names.add(target.getName());
        if (withNested) {
            for (Class<?> nested : target.getDeclaredClasses()) {
                addWithNested(nested, true, names);
            }
        }
    }

    /** Adds the event classes {@code type} names, and those reachable from them, to {@link #needed}. */
    private void collect(Type type) {
        if (!visited.add(type)) {
            return;
        }
        if (type instanceof Class<?> plain) {
            if (plain.isArray()) {
                collect(plain.getComponentType());
            } else if (inPackage(plain)) {
                needed.add(plain);
                partsOf(plain).forEach(this::collect);
            }
        } else if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType());
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(this::collect);
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType());
        } else if (type instanceof WildcardType wildcard) {
            Arrays.stream(wildcard.getUpperBounds()).forEach(this::collect);
            Arrays.stream(wildcard.getLowerBounds()).forEach(this::collect);
        } else if (type instanceof TypeVariable<?> variable) {
            Arrays.stream(variable.getBounds()).forEach(this::collect);
        }
    }

    private boolean inPackage(Class<?> type) {
        String name = type.getPackageName();
        return name.equals(packageName) || name.startsWith(packageName + ".");
    }

    /**
     * What Jackson reads and writes of a class: a record's components, another class's instance fields. An enum is
     * written as its name (or its {@code @JsonValue}), so nothing inside it is reached.
     */
    private static Stream<Type> partsOf(Class<?> type) {
        if (type.isEnum()) {
            return Stream.empty();
        }
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getGenericType);
        }
        return Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .map(Field::getGenericType);
    }
}
