package io.mcpbridge.dr.coordinator.support;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Every request the Kubernetes mock server received since this was made: actions counted at the API itself. */
public final class ApiRequests {

    private final KubernetesMockServer server;
    private final List<RecordedRequest> requests = new ArrayList<>();

    /** Starts counting now: what the server received before is dropped. */
    public ApiRequests(KubernetesMockServer server) throws InterruptedException {
        this.server = server;
        drain();
        requests.clear();
    }

    /** How many PATCH requests reached a Deployment so far (a rollout restart is one). */
    public synchronized long patches(String namespace, String deployment) throws InterruptedException {
        drain();
        String path = "/apis/apps/v1/namespaces/" + namespace + "/deployments/" + deployment;
        return requests.stream()
                .filter(r -> r.getMethod().equals("PATCH")
                        && r.getPath().startsWith(path)
                        && (r.getPath().length() == path.length() || r.getPath().charAt(path.length()) == '?'))
                .count();
    }

    private void drain() throws InterruptedException {
        for (RecordedRequest request = server.takeRequest(10, TimeUnit.MILLISECONDS);
                request != null;
                request = server.takeRequest(10, TimeUnit.MILLISECONDS)) {
            requests.add(request);
        }
    }
}
