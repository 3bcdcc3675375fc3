package io.mcpbridge.dr.drctl.commands;

import io.mcpbridge.dr.drctl.DrctlException;
import io.mcpbridge.dr.drctl.kafka.Kafka;
import io.mcpbridge.dr.drctl.output.Terminal;
import io.mcpbridge.dr.drctl.settings.ConnectionOptions;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What every drctl command shares: the connection options, the terminal, and one way to end: an explained
 * failure ({@link DrctlException}) is printed as {@code error: ...} with what to do next, and its exit code
 * returned.
 */
public abstract class DrctlCommand implements Callable<Integer> {

    @Mixin
    protected ConnectionOptions connection;

    protected final Terminal terminal = Terminal.ofProcess();
    protected final Clock clock = Clock.systemUTC();
    private Kafka kafka;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (DrctlException e) {
            terminal.note(terminal.red("error: ") + e.getMessage());
            return e.exitCode();
        }
    }

    /** @return the exit code, one of {@link io.mcpbridge.dr.drctl.ExitCodes} */
    protected abstract int run();

    protected Kafka kafka() {
        if (kafka == null) {
            kafka = new Kafka(connection.settings());
        }
        return kafka;
    }
}
