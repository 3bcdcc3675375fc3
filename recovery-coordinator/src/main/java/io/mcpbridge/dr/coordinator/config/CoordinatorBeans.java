package io.mcpbridge.dr.coordinator.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpbridge.dr.coordinator.action.HostCommands;
import io.mcpbridge.dr.coordinator.action.KubernetesActions;
import io.mcpbridge.dr.coordinator.action.SessionRevoker;
import io.mcpbridge.dr.coordinator.action.StandbyPromoter;
import io.mcpbridge.dr.coordinator.incident.IncidentBook;
import io.mcpbridge.dr.coordinator.incident.RecoveryPoints;
import io.mcpbridge.dr.coordinator.publish.EventSender;
import io.mcpbridge.dr.coordinator.publish.IncidentPublisher;
import io.mcpbridge.dr.coordinator.runbook.RunbookCatalog;
import io.mcpbridge.dr.coordinator.runner.StepExecutor;
import io.mcpbridge.dr.coordinator.safety.ActionBudget;
import io.mcpbridge.dr.coordinator.safety.MaintenanceWindows;
import io.mcpbridge.dr.events.EventEnvelope;
import io.mcpbridge.dr.events.EventType;
import io.mcpbridge.dr.events.trust.RecordAuthenticator;
import io.mcpbridge.dr.events.trust.RecordSigner;
import io.mcpbridge.dr.events.trust.ReplayGuard;
import io.mcpbridge.dr.events.trust.Trust;
import io.quarkus.arc.DefaultBean;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The coordinator's parts, built from {@link CoordinatorConfig}; a bad runbook file stops the start. */
public class CoordinatorBeans {

    private static final Logger LOG = Logger.getLogger(CoordinatorBeans.class);

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    RunbookCatalog runbooks(CoordinatorConfig config) {
        try {
            return RunbookCatalog.load(config.runbooksFile());
        } catch (IOException e) {
            throw new UncheckedIOException("the runbook file cannot be read", e);
        }
    }

    @Produces
    @Singleton
    ActionBudget budget(CoordinatorConfig config) {
        return new ActionBudget(
                config.budget().maxActions(),
                config.budget().window(),
                config.budget().cooldown());
    }

    @Produces
    @Singleton
    MaintenanceWindows maintenance() {
        return new MaintenanceWindows();
    }

    @Produces
    @Singleton
    RecoveryPoints recoveryPoints() {
        return new RecoveryPoints();
    }

    @Produces
    @Singleton
    IncidentBook incidents(Clock clock, MaintenanceWindows maintenance, RecoveryPoints recoveryPoints) {
        return new IncidentBook(clock, maintenance, recoveryPoints);
    }

    @Produces
    @Singleton
    StepExecutor executor(
            KubernetesClient client, CoordinatorConfig config, Vertx vertx, EventSender sender, Clock clock) {
        Optional<SessionRevoker> sessions = config.redis().url().map(url -> {
            RedisOptions options = new RedisOptions().setConnectionString(url);
            config.redis().password().ifPresent(options::setPassword);
            return new SessionRevoker(Redis.createClient(vertx, options));
        });
        StepExecutor.Peers peers = new StepExecutor.Peers(
                sessions,
                Optional.of(new StandbyPromoter(vertx, config.redis().password())),
                command -> sender.send(new EventEnvelope(
                        command.id(),
                        EventType.BACKUP_REQUESTED,
                        IncidentPublisher.SOURCE,
                        command.kafkaKey(),
                        clock.instant(),
                        command)),
                request -> sender.send(new EventEnvelope(
                        request.id(),
                        EventType.NOTIFY_REQUESTED,
                        IncidentPublisher.SOURCE,
                        request.incidentId(),
                        clock.instant(),
                        request)),
                new HostCommands());
        return new StepExecutor(new KubernetesActions(client), config.namespace(), config.variables(), peers, clock);
    }

    void close(@Disposes StepExecutor executor) {
        executor.close();
    }

    /** Whose commands and results are believed; the trust file is read again when it changes. */
    @Produces
    @Singleton
    RecordAuthenticator authenticator(CoordinatorConfig config, Clock clock) {
        return Trust.authenticator(config.trust(), clock, problem -> LOG.error(problem));
    }

    /** The command ids taken, rebuilt from the commands topic at every partition assignment. */
    @Produces
    @Singleton
    ReplayGuard replays(CoordinatorConfig config) {
        return new ReplayGuard(config.trust().maxSkew());
    }

    /** Empty without a configured key: then the steps that send backup-service commands fail, saying why. */
    @Produces
    @Singleton
    Optional<RecordSigner> signer(CoordinatorConfig config) {
        Optional<RecordSigner> signer = Trust.signer(config.trust(), "recovery-coordinator");
        if (signer.isEmpty()) {
            LOG.warn("no signing key (mcpdr.coordinator.trust.signing.key or key-file): backup-service cannot be asked "
                    + "to restore or snapshot");
        }
        return signer;
    }
}
