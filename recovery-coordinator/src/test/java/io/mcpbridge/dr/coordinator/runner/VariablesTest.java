package io.mcpbridge.dr.coordinator.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariablesTest {

    private final Variables variables = new Variables(
                    Map.of("namespace", "mcp-system", "standby-redis", "redis-standby"))
            .with(Map.of("component", "redis", "backup", "bk-1"));

    @Test
    void referencesDefaultsAndPerComponentNamesAreFilledIn() {
        assertThat(variables.fill("mcp-${component} in ${namespace}")).isEqualTo("mcp-redis in mcp-system");
        assertThat(variables.fill("${standby-${component}}")).isEqualTo("redis-standby");
        assertThat(variables.fill("${standby-url-${component}:-}")).isEmpty();
        assertThat(variables.fill("${scopes:-redis,configs}")).isEqualTo("redis,configs");
        assertThat(variables.fill("${backup:-latest}")).isEqualTo("bk-1");
        assertThat(variables.fill(null)).isNull();
    }

    @Test
    void anUnsetNameWithoutDefaultIsAnErrorNotAnEmptyString() {
        assertThatThrownBy(() -> variables.fill("--site=${drSite}"))
                .isInstanceOf(Variables.UnsetVariableException.class)
                .hasMessage("${drSite} is not set (mcpdr.coordinator.variables.drSite)");
        assertThat(variables.isSet("standby-redis")).isTrue();
        assertThat(variables.isSet("drSite")).isFalse();
    }

    @Test
    void aValueIsTakenLiterallyNotAsAPatternOrAReference() {
        Variables tricky = new Variables(Map.of("odd", "$1 ${namespace} \\"));

        assertThat(tricky.fill("<${odd}>")).isEqualTo("<$1 ${namespace} \\>");
    }
}
