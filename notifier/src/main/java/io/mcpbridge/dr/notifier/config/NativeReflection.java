package io.mcpbridge.dr.notifier.config;

import io.mcpbridge.dr.events.alert.Severity;
import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.events.notify.NotificationLink;
import io.mcpbridge.dr.events.notify.NotificationRequest;
import io.mcpbridge.dr.notifier.delivery.DigestItem;
import io.mcpbridge.dr.notifier.tracking.AudienceState;
import io.mcpbridge.dr.notifier.tracking.EngineerTell;
import io.mcpbridge.dr.notifier.tracking.IncidentCommunication;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Event records this service reads with Jackson outside the REST layer, registered for native images. */
@RegisterForReflection(
        targets = {
            NotificationRequest.class,
            NotificationLink.class,
            NotificationKind.class,
            Severity.class,
            IncidentCommunication.class,
            AudienceState.class,
            EngineerTell.class,
            DigestItem.class
        })
public final class NativeReflection {

    private NativeReflection() {}
}
