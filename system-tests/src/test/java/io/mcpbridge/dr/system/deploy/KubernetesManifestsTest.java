package io.mcpbridge.dr.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The manifests users apply ({@code k8s/base} through an overlay such as {@code k8s/overlays/example}), read into the typed Kubernetes models: a misspelt or misplaced field
 * is kept by the models as an "additional property" and silently ignored by the API server, so every object
 * must have none, all the way down; and what one object names, another must provide.
 */
class KubernetesManifestsTest {

    /** MCP Bridge's own namespace: it exists before these manifests are applied. */
    private static final Set<String> EXISTING_NAMESPACES = Set.of("mcp-system");
    /** Pods in mcp-dr that the Strimzi operator makes from kafka.yaml, labelled so. */
    private static final List<Map<String, String>> OPERATOR_MADE_PODS =
            List.of(Map.of("app.kubernetes.io/name", "kafka"), Map.of("app.kubernetes.io/name", "entity-operator"));

    private static final Path MANIFESTS = Path.of(
            System.getProperty("manifests.dir", ProjectFiles.ROOT.resolve("k8s").toString()));
    private static final Path BASE = MANIFESTS.resolve("base");
    private static final Path EXAMPLE = MANIFESTS.resolve("overlays/example");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
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
        objects = new ArrayList<>();
        for (String resource : kustomization(BASE).resources()) {
            Path file = BASE.resolve(resource);
            ManifestFiles.read(file).forEach(object -> objects.add(new Placed(file, object)));
        }
    }

    /** The part of a kustomization file these manifests use. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Kustomization(List<String> resources, List<Image> images) {
        record Image(String name, String newName, String newTag) {}
    }

    private static Kustomization kustomization(Path dir) throws IOException {
        return YAML.readValue(dir.resolve("kustomization.yaml").toFile(), Kustomization.class);
    }

    @Test
    void theBaseListsEveryManifestBesideIt() throws IOException {
        try (Stream<Path> files = Files.list(BASE)) {
            assertThat(kustomization(BASE).resources())
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(file -> file.getFileName().toString())
                                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                                    .toList());
        }
    }

    @Test
    void theExampleOverlayBuildsOnTheBaseAndPinsEveryImageItRuns() throws IOException {
        Kustomization overlay = kustomization(EXAMPLE);
        assertThat(overlay.resources())
                .allSatisfy(resource -> assertThat(EXAMPLE.resolve(resource).resolve("kustomization.yaml"))
                        .exists());
        Set<String> images = of(Deployment.class).stream()
                .flatMap(placed ->
                        ((Deployment) placed.object()).getSpec().getTemplate().getSpec().getContainers().stream())
                .map(container -> container.getImage().replaceFirst(":[^:/]+$", ""))
                .collect(Collectors.toSet());
        assertThat(overlay.images()).extracting(Kustomization.Image::name).containsExactlyInAnyOrderElementsOf(images);
        assertThat(overlay.images())
                .allSatisfy(image -> assertThat(image.newTag()).isNotBlank());
    }

    @Test
    void everyObjectIsAKnownKindWithOnlyKnownFields() {
        assertThat(objects).as("manifests under " + BASE.toAbsolutePath()).isNotEmpty();
        List<String> unknown = new ArrayList<>();
        for (Placed placed : objects) {
            assertThat(placed.object())
                    .as(placed.where() + " is not a kind the Kubernetes or Strimzi models know")
                    .isNotInstanceOf(GenericKubernetesResource.class);
            assertThat(ManifestFiles.modelled(placed.object()))
                    .as(placed.where())
                    .isTrue();
            unknown.addAll(ManifestFiles.unknownFields(placed.object(), placed.where()));
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
    void whatMayDeleteIsBoundOnlyInTheDrillNamespaceWhichBackupServiceDiscardsAlone() {
        Set<String> deleting = new HashSet<>();
        for (Placed placed : of(ClusterRole.class)) {
            ClusterRole role = (ClusterRole) placed.object();
            if (role.getRules().stream().anyMatch(rule -> rule.getVerbs().contains("delete"))) {
                deleting.add(role.getMetadata().getName());
            }
        }
        assertThat(deleting).as("the drill teardown's role").isNotEmpty();
        for (Placed placed : of(RoleBinding.class)) {
            RoleBinding binding = (RoleBinding) placed.object();
            if (deleting.contains(binding.getRoleRef().getName())) {
                assertThat(binding.getMetadata().getNamespace())
                        .as(placed.where() + " grants delete")
                        .isEqualTo("mcp-dr-test");
            }
        }
        for (Placed placed : of(ClusterRoleBinding.class)) {
            assertThat(deleting)
                    .as(placed.where() + " grants delete in every namespace")
                    .doesNotContain(
                            ((ClusterRoleBinding) placed.object()).getRoleRef().getName());
        }
        String options = of(Deployment.class).stream()
                .map(placed -> (Deployment) placed.object())
                .filter(deployment -> deployment.getMetadata().getName().equals("backup-service"))
                .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().stream())
                .flatMap(container -> container.getEnv().stream())
                .filter(env -> env.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(EnvVar::getValue)
                .findFirst()
                .orElseThrow();
        assertThat(options)
                .contains("-Dmcpdr.backup.targets.disposable.namespaces=mcp-dr-test")
                .contains("-Dmcpdr.backup.targets.disposable.redis=scratch")
                .contains("-Dmcpdr.backup.targets.redis.scratch=redis://redis.mcp-dr-test.svc:6379");
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

    @Test
    void everyNetworkPolicyAppliesToPodsThatRunThereAndTheNamespaceDeniesTheRest() {
        List<Placed> policies = of(NetworkPolicy.class);
        assertThat(policies).as("a default deny in mcp-dr").anySatisfy(placed -> {
            NetworkPolicy policy = (NetworkPolicy) placed.object();
            assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
            assertThat(policy.getSpec().getEgress()).isNullOrEmpty();
        });
        for (Placed placed : policies) {
            NetworkPolicy policy = (NetworkPolicy) placed.object();
            Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
            if (selector == null || selector.isEmpty()) {
                continue;
            }
            boolean selectsOurs = of(Deployment.class).stream()
                    .map(deployment -> (Deployment) deployment.object())
                    .filter(deployment -> deployment
                            .getMetadata()
                            .getNamespace()
                            .equals(policy.getMetadata().getNamespace()))
                    .anyMatch(deployment -> labelled(
                            deployment.getSpec().getTemplate().getMetadata().getLabels(), selector));
            boolean selectsOthers = OPERATOR_MADE_PODS.stream().anyMatch(labels -> labelled(labels, selector));
            assertThat(selectsOurs || selectsOthers)
                    .as(placed.where() + " selects no pods: " + selector)
                    .isTrue();
        }
    }

    @Test
    void everyServiceRunsTwoReplicasSpreadOverNodes() {
        List<Placed> ours = of(Deployment.class).stream()
                .filter(placed -> "mcp-dr".equals(placed.object().getMetadata().getNamespace()))
                .toList();
        assertThat(ours).hasSize(4);
        for (Placed placed : ours) {
            Deployment deployment = (Deployment) placed.object();
            assertThat(deployment.getSpec().getReplicas()).as(placed.where()).isGreaterThanOrEqualTo(2);
            assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                    .as(placed.where() + " spreads its replicas over nodes")
                    .anySatisfy(spread -> {
                        assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                        assertThat(spread.getLabelSelector().getMatchLabels())
                                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                    });
        }
    }

    @Test
    void everyServiceRunningTwoReplicasKeepsOneThroughADisruption() {
        for (Placed placed : of(Deployment.class)) {
            Deployment deployment = (Deployment) placed.object();
            boolean budgeted = of(PodDisruptionBudget.class).stream()
                    .map(budget -> (PodDisruptionBudget) budget.object())
                    .anyMatch(budget -> budget.getMetadata()
                                    .getNamespace()
                                    .equals(deployment.getMetadata().getNamespace())
                            && labelled(
                                    deployment
                                            .getSpec()
                                            .getTemplate()
                                            .getMetadata()
                                            .getLabels(),
                                    budget.getSpec().getSelector().getMatchLabels()));
            assertThat(budgeted)
                    .as(placed.where() + " with " + deployment.getSpec().getReplicas() + " replicas")
                    .isEqualTo(deployment.getSpec().getReplicas() >= 2);
        }
    }

    private static boolean labelled(Map<String, String> labels, Map<String, String> selector) {
        return labels != null && labels.entrySet().containsAll(selector.entrySet());
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
