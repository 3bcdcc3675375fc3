package io.mcpbridge.dr.notifier.channel;

import io.mcpbridge.dr.events.notify.NotificationKind;
import io.mcpbridge.dr.notifier.template.NotificationView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What the public may read of an incident: written here from its kind, its customer impact and the promised
 * time of the next update only, never from summaries, hosts, errors, runbook output or internal names; the one
 * exception is an engineer's own words written for the audience ({@code drctl tell}), shown as written. The
 * marker in the name ({@code [ref 1a2b3c4d]}, a digest of the incident id) lets the channel find the page
 * incident again without saying anything about the incident.
 */
final class PublicText {

    private final NotificationView view;
    private final String service;

    PublicText(NotificationView view, String service) {
        this.view = view;
        this.service = service;
    }

    /** The MCP Bridge component, for the component map (never shown). */
    String component() {
        return view.request().component();
    }

    String marker() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(view.incidentId().getBytes(StandardCharsets.UTF_8));
            return "[ref " + HexFormat.of().formatHex(digest, 0, 4) + "]";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    String name() {
        String what = switch (impact()) {
            case "critical", "major" -> "service disruption";
            case "minor" -> "degraded performance";
            default -> "incident";
        };
        return service + " " + what + " " + marker();
    }

    /** The page incident's status: investigating, identified, monitoring or resolved. */
    String status() {
        if (resolved()) {
            return "resolved";
        }
        String status =
                view.request().status() == null ? "" : view.request().status().toLowerCase(Locale.ROOT);
        return status.startsWith("recovering") ? "identified" : "investigating";
    }

    /** The plan's customer impact as the page's impact: none, minor, major, critical. */
    String impact() {
        return switch (impactWord()) {
            case "severe" -> "critical";
            case "moderate" -> "major";
            case "minimal" -> "minor";
            default -> "none";
        };
    }

    /** The component's status on the page while the incident lasts, and operational after. */
    String componentStatus() {
        if (resolved()) {
            return "operational";
        }
        return switch (impactWord()) {
            case "severe" -> "major_outage";
            case "moderate" -> "partial_outage";
            case "minimal" -> "degraded_performance";
            default -> "operational";
        };
    }

    String body() {
        if (view.request().asked()) {
            return view.request().summary().strip() + (resolved() ? "" : " Next update: " + view.nextUpdate() + ".");
        }
        if (resolved()) {
            return service + " has been restored and is working normally. We are reviewing what happened and will "
                    + "share what we learn.";
        }
        String next = " Next update: " + view.nextUpdate() + ".";
        if (status().equals("identified")) {
            return "We have identified the problem affecting " + service + " and are restoring service." + next;
        }
        if (view.request().kind() == NotificationKind.INCIDENT_OPENED) {
            return "We are investigating a problem affecting " + service + ". " + feel() + next;
        }
        return "We are still working on the problem affecting " + service + "." + next;
    }

    private String feel() {
        return switch (impactWord()) {
            case "severe" -> "Requests may fail.";
            case "moderate" -> "Some requests may fail and some clients may have to sign in again.";
            case "minimal" -> "Service may be slower than usual.";
            default -> "";
        };
    }

    private boolean resolved() {
        return view.request().kind() == NotificationKind.INCIDENT_RESOLVED;
    }

    private String impactWord() {
        String impact = view.request().customerImpact();
        return impact == null ? "" : impact.strip().toLowerCase(Locale.ROOT);
    }
}
