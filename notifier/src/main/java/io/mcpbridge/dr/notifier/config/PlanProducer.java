package io.mcpbridge.dr.notifier.config;

import io.mcpbridge.dr.notifier.plan.CommunicationPlan;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The communication plan the service runs by: the plan's matrix with what the configuration changes. */
public class PlanProducer {

    @Produces
    @Singleton
    CommunicationPlan plan(NotifierConfig config) {
        return CommunicationPlan.of(config.plan());
    }
}
