package io.mcpbridge.dr.drctl;

import io.mcpbridge.dr.drctl.commands.DurationConverter;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import picocli.CommandLine;

/**
 * How drctl parses and fails: durations as people type them ({@code 30s}, {@code 2h}) for every option, enum
 * values in any case ({@code -o JSON}), usage errors exit 2 (the code for
 * "refused or bad usage"), and an unexpected failure prints one line, not a stack trace (set
 * {@code DRCTL_DEBUG=1} for it).
 */
@ApplicationScoped
class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return factory.create()
                .registerConverter(Duration.class, new DurationConverter())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((failure, commandLine, parsed) -> {
                    if (System.getenv("DRCTL_DEBUG") != null) {
                        failure.printStackTrace(commandLine.getErr());
                    }
                    commandLine.getErr().println("error: " + failure.getMessage());
                    return failure instanceof DrctlException known ? known.exitCode() : ExitCodes.FAILED;
                });
    }
}
