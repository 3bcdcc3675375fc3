package io.mcpbridge.dr.backup.config;

import io.quarkus.runtime.Application;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Work the service does once it has started, never while it starts: one thread runs it, in the order it was handed
 * in, as soon as the application reports itself started. On two cores, the catalog's reconciliation, the age
 * gauges' first read of the store and the cipher's warm-up, begun with the application, took the CPU its own
 * start needed (their class loading and compilation alone were 1,800 classes and a busy compiler), and nothing of
 * theirs is needed to answer the first request: every one is repeated on its schedule or is only an optimisation.
 */
@ApplicationScoped
public class AfterStart {

    private static final Logger LOG = Logger.getLogger(AfterStart.class);
    /** Past this, the work runs anyway: a start that slow has other problems, and the gauges must not wait forever. */
    private static final Duration START_WAIT = Duration.ofMinutes(2);

    private static final Duration POLL = Duration.ofMillis(50);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "after-start");
        thread.setDaemon(true);
        return thread;
    });

    public AfterStart() {
        // The first task holds the queue until the application has started; everything handed in waits behind it.
        worker.execute(AfterStart::awaitStarted);
    }

    /** Runs {@code task} once the application has started (at once if it has); a failure is logged, never thrown. */
    public void run(String name, Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warnf("%s failed after the start: %s", name, e.toString());
                }
            });
        } catch (RejectedExecutionException stopping) {
            LOG.debugf("%s not run: the service is stopping", name);
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    private static void awaitStarted() {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        try {
            while (!started()) {
                if (System.nanoTime() - deadline > 0) {
                    LOG.warnf(
                            "the application has not reported its start within %s; running the work anyway",
                            START_WAIT);
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean started() {
        Application application = Application.currentApplication();
        return application != null && application.isStarted();
    }
}
