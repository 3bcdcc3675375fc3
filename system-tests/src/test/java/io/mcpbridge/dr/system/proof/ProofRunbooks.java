package io.mcpbridge.dr.system.proof;

import java.nio.file.Path;

/**
 * The proof suite's runbooks and drills: the plan's, with the verification's pace set by the suite (every
 * {@link ProofSystem#VERIFY_INTERVAL}, {@link ProofSystem#VERIFY_ATTEMPTS} times) rather than the production
 * default of every 10 s for 5 minutes, so that a budget derived from it fails when something waits needlessly.
 */
final class ProofRunbooks {

    private ProofRunbooks() {}

    /** @param switchTraffic the host command that moves traffic to the DR site (the suite's: the simulator's) */
    static String yaml(String switchTraffic) {
        String verify = "{attempts: \"" + ProofSystem.VERIFY_ATTEMPTS + "\", interval: PT"
                + ProofSystem.VERIFY_INTERVAL.toSeconds() + "S}";
        return """
                runbooks:
                  - scenario: service-failure
                    description: Restart; if that does not help, roll back.
                    manualOnly: false
                    steps:
                      - name: restart
                        action: rollout-restart
                        parameters: {deployment: "mcp-${component}", namespace: "${namespace}"}
                        timeout: PT30S
                        onFailure: next
                      - name: verify-restart
                        action: verify
                        parameters: %1$s
                        onSuccess: resolve
                        onFailure: next
                      - name: roll-back
                        action: rollout-undo
                        parameters: {deployment: "mcp-${component}", namespace: "${namespace}"}
                        timeout: PT30S
                      - name: verify-roll-back
                        action: verify
                        parameters: %1$s
                        onSuccess: resolve
                  - scenario: redis-failure
                    description: Fail over to the standby where one is configured; else restart; restore if the sessions are gone.
                    manualOnly: false
                    steps:
                      - name: fail-over
                        action: fail-over
                        when: standby-redis
                        parameters: {service: redis, to: "${standby-redis}", promote: "${standby-url-redis:-}", namespace: "${namespace}"}
                        timeout: PT30S
                        automatic: true
                        onFailure: next
                      - name: verify-fail-over
                        action: verify
                        when: standby-redis
                        parameters: %1$s
                        onSuccess: resolve
                        onFailure: next
                      - name: restart
                        action: rollout-restart
                        parameters: {deployment: "redis", namespace: "${namespace}"}
                        timeout: PT30S
                      - name: verify-restart
                        action: verify
                        parameters: %3$s
                        onSuccess: resolve
                        onFailure: next
                      - name: restore-sessions
                        action: restore-backup
                        parameters: {backup: latest, scopes: redis}
                        timeout: PT5M
                        automatic: true
                      - name: verify-restore
                        action: verify
                        parameters: %1$s
                        onSuccess: resolve
                  - scenario: data-center-failure
                    description: The primary site is lost. Restore into the DR target, switch traffic there.
                    manualOnly: true
                    steps:
                      - name: restore-into-dr
                        action: restore-backup
                        parameters: {backup: latest, scopes: "kubernetes,redis", intoNamespace: "${drNamespace}", intoRedis: "${drRedis}"}
                        timeout: PT5M
                      - name: switch-traffic
                        action: shell
                        parameters: {command: "%2$s"}
                        timeout: PT1M
                      - name: verify
                        action: verify
                        parameters: %1$s
                        onSuccess: resolve
                  - scenario: infrastructure-loss
                    description: Cluster and VMs are lost. Restore everything into the new infrastructure.
                    manualOnly: true
                    steps:
                      - name: restore-everything
                        action: restore-backup
                        parameters: {backup: latest, scopes: "kubernetes,configs,redis", intoNamespace: "${newNamespace}", intoRedis: "${drRedis}"}
                        timeout: PT5M
                      - name: verify
                        action: verify
                        parameters: %1$s
                        onSuccess: resolve
                """.formatted(verify, switchTraffic, verify.replace("}", ", requireSessions: \"true\"}"));
    }

    static String drills(Path scratch) {
        return """
                drills:
                  - type: backup-verification
                    schedule: "off"
                    timeout: PT5M
                    scopes: [configs, redis, kubernetes]
                  - type: service-restart
                    schedule: "off"
                    timeout: PT2M
                    target: gateway
                    production: true
                    restart: {action: rollout-restart, parameters: {deployment: mcp-gateway, namespace: "${namespace}"}}
                  - type: failover
                    schedule: "off"
                    timeout: PT2M
                    target: gateway
                    production: true
                    failOver: {action: fail-over, parameters: {service: mcp-gateway, to: mcp-gateway-dr, namespace: "${namespace}"}}
                    failBack: {action: fail-over, parameters: {service: mcp-gateway, to: mcp-gateway, namespace: "${namespace}"}}
                  - type: full
                    schedule: "off"
                    timeout: PT5M
                    scopes: [configs, redis, kubernetes]
                    restoreTo: {namespace: %s, redis: scratch, directory: "%s"}
                """.formatted(ProofSystem.DRILL_NAMESPACE, scratch);
    }
}
