package io.mcpbridge.dr.backup.redis;

import java.io.IOException;

/**
 * The server would not hand its snapshot to a replica (managed Redis services often refuse SYNC, and an ACL user
 * may lack the right): the backup can read it key by key instead.
 */
public final class ReplicationRefusedException extends IOException {

    public ReplicationRefusedException(String reason) {
        super(reason);
    }
}
