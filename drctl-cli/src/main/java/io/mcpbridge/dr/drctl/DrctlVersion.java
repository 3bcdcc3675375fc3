package io.mcpbridge.dr.drctl;

import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.IVersionProvider;

/** The version the build stamped into the application ({@code quarkus.application.version}). */
public final class DrctlVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "drctl "
                    + ConfigProvider.getConfig()
                            .getOptionalValue("quarkus.application.version", String.class)
                            .orElse("unknown")
        };
    }
}
