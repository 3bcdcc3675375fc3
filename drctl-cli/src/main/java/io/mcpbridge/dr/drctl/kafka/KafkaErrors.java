package io.mcpbridge.dr.drctl.kafka;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.ExitCodes;
import io.mcpbridge.dr.drctl.settings.Setting;
import io.mcpbridge.dr.drctl.settings.Settings;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;

/** Kafka's failures as drctl tells them: what was tried, and the setting to change. */
final class KafkaErrors {

    private KafkaErrors() {}

    static DrctlException explain(RuntimeException failure, Settings settings, String doing) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof DrctlException known) {
                return known;
            }
            if (cause instanceof AuthenticationException) {
                return new DrctlException(
                        ExitCodes.FAILED,
                        "the broker at " + settings.bootstrapServers() + " refused drctl's credentials while "
                                + doing + ": " + cause.getMessage()
                                + "\n  check kafka.security.protocol, kafka.sasl.* and kafka.ssl.* (drctl config)");
            }
            if (cause instanceof AuthorizationException) {
                return new DrctlException(
                        ExitCodes.FAILED,
                        "Kafka does not allow this while " + doing + ": " + cause.getMessage()
                                + "\n  the KafkaUser drctl signs in as needs the ACLs of docs/deploy.md (drctl)");
            }
            if (cause instanceof TimeoutException) {
                return unreachable(settings, doing);
            }
            cause = cause.getCause();
        }
        return new DrctlException(ExitCodes.FAILED, doing + " failed: " + failure.getMessage());
    }

    static DrctlException unreachable(Settings settings, String doing) {
        Setting servers = settings.setting(Settings.BOOTSTRAP_SERVERS);
        return new DrctlException(
                ExitCodes.FAILED,
                "no Kafka broker answered at " + servers.value() + " (" + servers.origin() + ") while " + doing
                        + "\n  set the brokers with --bootstrap-servers, MCPDR_BOOTSTRAP_SERVERS or bootstrap.servers in "
                        + settings.file() + "; drctl config shows what is used");
    }
}
