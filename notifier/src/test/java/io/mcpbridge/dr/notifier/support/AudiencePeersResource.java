package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.testing.SmtpServer;
import io.mcpbridge.dr.testing.stub.StatuspageStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * The channels of the audiences beyond the internal one: a real SMTP server for Leadership's and Customers'
 * email, and the Statuspage stub for External, with the notifier pointed at them.
 */
public class AudiencePeersResource implements QuarkusTestResourceLifecycleManager {

    public static final String LEADERSHIP = "lead@example.com";
    public static final String CUSTOMERS = "support@example.com";
    public static final String GATEWAY_COMPONENT = "cmpgateway01";

    private static volatile SmtpServer smtp;
    private static volatile StatuspageStub statuspage;

    public static SmtpServer smtp() {
        return smtp;
    }

    public static StatuspageStub statuspage() {
        return statuspage;
    }

    @Override
    public Map<String, String> start() {
        smtp = SmtpServer.start();
        statuspage = StatuspageStub.start();
        Map<String, String> config = new HashMap<>();
        smtp.mailerSettings().forEach((key, value) -> config.put((String) key, (String) value));
        config.put("mcpdr.notifier.email.enabled", "true");
        config.put("mcpdr.notifier.email.from", "mcp-dr@example.com");
        config.put("mcpdr.notifier.email.recipients.leadership", LEADERSHIP);
        config.put("mcpdr.notifier.email.recipients.customers", CUSTOMERS);
        config.put("mcpdr.notifier.email.min-interval", "20ms");
        config.put("mcpdr.notifier.statuspage.enabled", "true");
        config.put("mcpdr.notifier.statuspage.api-url", statuspage.apiUrl());
        config.put("mcpdr.notifier.statuspage.page-id", StatuspageStub.PAGE_ID);
        config.put("mcpdr.notifier.statuspage.api-key", StatuspageStub.API_KEY);
        config.put("mcpdr.notifier.statuspage.components.gateway", GATEWAY_COMPONENT);
        config.put("mcpdr.notifier.statuspage.min-interval", "50ms");
        config.put("mcpdr.notifier.plan.tick", "100ms");
        config.put("mcpdr.notifier.plan.bridge-url", "https://meet.example.com/mcp-incident");
        config.put("mcpdr.notifier.plan.on-call", "the on-call SRE (PagerDuty schedule mcp-bridge)");
        return config;
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.close();
        }
        if (statuspage != null) {
            statuspage.close();
        }
    }
}
