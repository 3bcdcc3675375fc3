package io.mcpbridge.dr.coordinator.ownership;

import io.mcpbridge.dr.coordinator.loop.Coordinator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the signal channel has its partitions and their open incidents have been read back; reports
 * which partitions this instance owns, so an operator sees how replicas split the components.
 */
@Readiness
@ApplicationScoped
public class OwnershipReadiness implements HealthCheck {

    private final Coordinator coordinator;

    public OwnershipReadiness(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("incident-ownership")
                .status(coordinator.ready())
                .withData("partitions", coordinator.ownership().toString())
                .withData("state", coordinator.ready() ? "incidents read back" : "waiting for a partition assignment")
                .build();
    }
}
