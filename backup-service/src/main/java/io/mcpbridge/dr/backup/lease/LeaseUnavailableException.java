package io.mcpbridge.dr.backup.lease;

import java.io.IOException;

/** A command's scopes stayed held by others for longer than it may wait: it fails without having run. */
public final class LeaseUnavailableException extends IOException {

    public LeaseUnavailableException(String message) {
        super(message);
    }
}
