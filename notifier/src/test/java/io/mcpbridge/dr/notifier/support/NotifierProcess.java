package io.mcpbridge.dr.notifier.support;

import io.mcpbridge.dr.testing.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;

/** The packaged notifier as a process of its own, so a test can stop it as an operator (or a crash) would. */
public final class NotifierProcess {

    private NotifierProcess() {}

    /** Starts {@code target/quarkus-app/quarkus-run.jar} (system property {@code notifier.jar}) with these settings. */
    public static ServiceProcess start(String name, Map<String, String> settings) {
        return ServiceProcess.start(
                Path.of(System.getProperty("notifier.jar", "target/quarkus-app/quarkus-run.jar")), name, settings);
    }
}
