package io.mcpbridge.dr.notifier.channel;

import io.mcpbridge.dr.notifier.config.NotifierConfig;
import io.mcpbridge.dr.notifier.routing.ChannelAction;
import io.mcpbridge.dr.notifier.template.NotificationView;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Email through the service's SMTP relay (the Quarkus mailer: host, port, TLS and login are its
 * {@code quarkus.mailer.*} settings), to the recipients configured for the message's audience. An incident's
 * messages carry the same {@code References} header, so mail clients thread them. SMTP's own classes decide the
 * outcome: a permanent (5xx) reply is final, anything else is tried again.
 */
@ApplicationScoped
public class EmailChannel implements DigestChannel {

    static final String NOTIFICATION_HEADER = "X-MCP-DR-Notification";

    private final boolean enabled;
    private final String from;
    private final Map<String, List<String>> recipients;
    private final ReactiveMailer mailer;

    public EmailChannel(NotifierConfig config, ReactiveMailer mailer) {
        this.enabled = config.email().enabled();
        this.from = config.email().from();
        this.recipients = Map.copyOf(config.email().recipients());
        this.mailer = mailer;
        if (enabled && recipients.values().stream().allMatch(List::isEmpty)) {
            throw new IllegalStateException(
                    "mcpdr.notifier.email.enabled=true needs mcpdr.notifier.email.recipients.<audience>");
        }
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public boolean reaches(String audience) {
        return !recipients.getOrDefault(audience, List.of()).isEmpty();
    }

    @Override
    public CompletionStage<Outcome> deliver(NotificationView view, String plainText, ChannelAction action) {
        String audience = Optional.ofNullable(view.facts().audience()).orElse("internal");
        List<String> to = recipients.getOrDefault(audience, List.of());
        if (to.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new Outcome.Permanent("no email recipients for the " + audience + " audience"));
        }
        Mail mail = new Mail()
                .setTo(to)
                .setFrom(from)
                .setSubject(subject(view))
                .setText(plainText)
                .addHeader(NOTIFICATION_HEADER, view.request().id())
                .addHeader("References", "<" + view.incidentId() + "@mcp-dr>");
        return send(mail);
    }

    private CompletionStage<Outcome> send(Mail mail) {
        return mailer.send(mail)
                .subscribeAsCompletionStage()
                .handle((ignored, failure) -> failure == null ? new Outcome.Delivered() : outcome(failure));
    }

    /** One email listing the incidents of the period, for the plan's "Daily" and "Weekly" cells. */
    @Override
    public CompletionStage<Outcome> deliverDigest(String audience, List<NotificationView> views, Duration period) {
        List<String> to = recipients.getOrDefault(audience, List.of());
        if (to.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new Outcome.Permanent("no email recipients for the " + audience + " audience"));
        }
        String every = period.toDays() == 7 ? "Weekly" : period.toDays() == 1 ? "Daily" : "Periodic";
        String subject = "[MCP Bridge DR] " + every + " digest for " + audience + ": " + views.size() + " incident"
                + (views.size() == 1 ? "" : "s");
        StringBuilder body = new StringBuilder(subject).append("\n\n");
        for (NotificationView view : views) {
            body.append("- [")
                    .append(view.severity())
                    .append("] ")
                    .append(view.component())
                    .append(": ")
                    .append(view.summary())
                    .append("\n  Started ")
                    .append(view.startTime())
                    .append(", status ")
                    .append(view.status())
                    .append(", incident ")
                    .append(view.incidentId())
                    .append("\n");
        }
        Mail mail = new Mail()
                .setTo(to)
                .setFrom(from)
                .setSubject(subject)
                .setText(body.toString())
                .addHeader(NOTIFICATION_HEADER, "digest");
        return send(mail);
    }

    static String subject(NotificationView view) {
        return "[" + view.severity() + "] " + view.title() + " (" + view.incidentId() + ")";
    }

    private static Outcome outcome(Throwable failure) {
        Throwable cause =
                failure.getCause() != null && !(failure instanceof SMTPException) ? failure.getCause() : failure;
        if (cause instanceof SMTPException smtp) {
            String reason = "SMTP " + smtp.getReplyCode();
            return smtp.isPermanent()
                    ? new Outcome.Permanent(reason)
                    : new Outcome.RetryLater(reason, Optional.empty());
        }
        return new Outcome.RetryLater(cause.getClass().getSimpleName(), Optional.empty());
    }
}
