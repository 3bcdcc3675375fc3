package io.mcpbridge.dr.notifier.template;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/** Renders the plan's texts ("Initial Alert", "Recovery Complete", and one for operations) as plain text. */
@ApplicationScoped
public class MessageTemplates {

    private final Template initialAlert;
    private final Template recoveryComplete;
    private final Template operations;

    public MessageTemplates(
            @Location("initial-alert.txt") Template initialAlert,
            @Location("recovery-complete.txt") Template recoveryComplete,
            @Location("operations.txt") Template operations) {
        this.initialAlert = initialAlert;
        this.recoveryComplete = recoveryComplete;
        this.operations = operations;
    }

    /** The plain text of the notification, the same for every channel that shows text. */
    public String plainText(NotificationView view) {
        Template template = switch (view.request().kind()) {
            case INCIDENT_OPENED, INCIDENT_UPDATED, INCIDENT_ESCALATED -> initialAlert;
            case INCIDENT_RESOLVED -> recoveryComplete;
            case BACKUP_FAILED, RESTORE_COMPLETED, DRILL_STARTED, DRILL_REPORT, ATTENTION -> operations;
        };
        String text = template.data("v", view).render().strip();
        String links = view.linkLines();
        return links.isEmpty() ? text : text + "\n\n" + links;
    }
}
