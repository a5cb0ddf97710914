package io.tickhub.server.testing;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test fails because something did not answer in time, prints every thread's stack before
 * the failure is reported: a hang seen once in CI then explains itself (which thread was doing
 * what) instead of leaving only "Timeout on blocking read". It is the JVM's own dump, which also
 * lists virtual threads and what each thread is parked on; a copy stays under
 * {@code target/thread-dumps}. Registered for every test through JUnit's extension auto-detection.
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (causedByTimeout(failure)) {
            System.err.println(dump(context));
        }
        throw failure;
    }

    static boolean causedByTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    static String dump(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
        try {
            Path dir = Files.createDirectories(Path.of("target", "thread-dumps"));
            Path file = dir.resolve(name + "-" + System.nanoTime() + ".txt").toAbsolutePath();
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), ThreadDumpFormat.TEXT_PLAIN);
            return "=== thread dump: " + name + " timed out (" + file + ") ===\n" + Files.readString(file)
                    + "=== end of thread dump ===";
        } catch (IOException | RuntimeException e) {
            return "=== no thread dump for " + name + ": " + e + " ===";
        }
    }
}
