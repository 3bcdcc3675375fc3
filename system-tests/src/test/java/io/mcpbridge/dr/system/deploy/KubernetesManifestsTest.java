package io.mcpbridge.dr.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests users apply ({@code k8s/}), read into the typed Kubernetes models: a misspelt or misplaced field
 * is kept by the models as an "additional property" and silently ignored by the API server, so every object
 * must have none, all the way down; and what one object names, another must provide.
 */
class KubernetesManifestsTest {

    /** MCP Bridge's own namespace: it exists before these manifests are applied. */
    private static final Set<String> EXISTING_NAMESPACES = Set.of("mcp-system");

    private static final Path MANIFESTS = Path.of(System.getProperty("manifests.dir", "../k8s"));
    private static List<Placed> objects;

    record Placed(Path file, HasMetadata object) {
        String where() {
            return file.getFileName() + ": " + object.getKind() + " "
                    + object.getMetadata().getNamespace() + "/"
                    + object.getMetadata().getName();
        }
    }

    @BeforeAll
    static void read() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(MANIFESTS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (document.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#"))) {
                        objects.add(new Placed(file, serialization.unmarshal(document, HasMetadata.class)));
                    }
                }
            }
        }
    }

    @Test
    void everyObjectIsAKnownKindWithOnlyKnownFields() {
        assertThat(objects).as("manifests under " + MANIFESTS.toAbsolutePath()).isNotEmpty();
        List<String> unknown = new ArrayList<>();
        for (Placed placed : objects) {
            assertThat(placed.object().getClass().getPackageName())
                    .as(placed.where() + " is not a kind the Kubernetes models know")
                    .startsWith("io.fabric8.kubernetes.api.model");
            unknownFields(placed.object(), placed.where(), unknown);
        }
        assertThat(unknown).as("fields the API server would ignore").isEmpty();
    }

    @Test
    void everyNamespaceUsedIsDeclaredOrIsMcpBridgesOwn() {
        Set<String> declared = names(Namespace.class);
        for (Placed placed : objects) {
            String namespace = placed.object().getMetadata().getNamespace();
            if (namespace != null) {
                assertThat(declared.contains(namespace) || EXISTING_NAMESPACES.contains(namespace))
                        .as(placed.where() + ": namespace " + namespace + " is declared nowhere")
                        .isTrue();
            }
        }
    }

    @Test
    void everyBindingGrantsARoleThatExistsToAServiceAccountThatExists() {
        Set<String> clusterRoles = names(ClusterRole.class);
        Set<String> roles = namespacedNames(Role.class);
        Set<String> accounts = namespacedNames(ServiceAccount.class);
        for (Placed placed : objects) {
            RoleRef ref;
            List<Subject> subjects;
            if (placed.object() instanceof RoleBinding binding) {
                ref = binding.getRoleRef();
                subjects = binding.getSubjects();
                assertThat(
                                ref.getKind().equals("ClusterRole")
                                        ? clusterRoles.contains(ref.getName())
                                        : roles.contains(binding.getMetadata().getNamespace() + "/" + ref.getName()))
                        .as(placed.where() + " grants " + ref.getKind() + " " + ref.getName() + ", declared nowhere")
                        .isTrue();
            } else if (placed.object() instanceof ClusterRoleBinding binding) {
                ref = binding.getRoleRef();
                subjects = binding.getSubjects();
                assertThat(ref.getKind()).as(placed.where()).isEqualTo("ClusterRole");
                assertThat(clusterRoles).as(placed.where()).contains(ref.getName());
            } else {
                continue;
            }
            for (Subject subject : subjects) {
                assertThat(subject.getKind()).as(placed.where()).isEqualTo("ServiceAccount");
                assertThat(accounts)
                        .as(placed.where() + " binds a ServiceAccount declared nowhere")
                        .contains(subject.getNamespace() + "/" + subject.getName());
            }
        }
    }

    @Test
    void everyDeploymentRunsAsItsOwnDeclaredServiceAccountAndSelectsItsPods() {
        Set<String> accounts = namespacedNames(ServiceAccount.class);
        List<Placed> deployments = of(Deployment.class);
        assertThat(deployments).hasSize(4);
        for (Placed placed : deployments) {
            Deployment deployment = (Deployment) placed.object();
            String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
            assertThat(account)
                    .as(placed.where() + " runs as the default ServiceAccount")
                    .isNotBlank();
            assertThat(accounts)
                    .as(placed.where())
                    .contains(deployment.getMetadata().getNamespace() + "/" + account);
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .as(placed.where() + ": the selector matches the pods")
                    .containsAllEntriesOf(selector);
        }
    }

    private static void unknownFields(Object model, String path, List<String> unknown) {
        if (model == null) {
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "[" + key + "]", unknown));
            return;
        }
        if (!model.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) value;
                if (extra != null && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknownFields(value, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    private static List<Placed> of(Class<? extends HasMetadata> kind) {
        return objects.stream()
                .filter(placed -> kind.isInstance(placed.object()))
                .toList();
    }

    private static Set<String> names(Class<? extends HasMetadata> kind) {
        return of(kind).stream()
                .map(placed -> placed.object().getMetadata().getName())
                .collect(Collectors.toSet());
    }

    private static Set<String> namespacedNames(Class<? extends HasMetadata> kind) {
        return of(kind).stream()
                .map(placed -> placed.object().getMetadata().getNamespace() + "/"
                        + placed.object().getMetadata().getName())
                .collect(Collectors.toSet());
    }
}
