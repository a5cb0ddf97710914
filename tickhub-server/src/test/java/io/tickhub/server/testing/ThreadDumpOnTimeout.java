package io.tickhub.server.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test fails because something did not answer in time, prints every thread's stack before
 * the failure is reported: a hang seen once in CI then explains itself (which thread was blocked,
 * on what) instead of leaving only "Timeout on blocking read". Registered for every test through
 * JUnit's extension auto-detection.
 */
public final class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (causedByTimeout(failure)) {
            System.err.println(dump(context.getDisplayName()));
            System.err.println("=== with virtual threads: " + dumpWithVirtualThreads(context) + " ===");
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

    /**
     * The JVM's own dump, which also lists virtual threads (the MXBean dump above does not): a
     * platform thread waiting on a class that a parked virtual thread is loading shows only there.
     */
    static String dumpWithVirtualThreads(ExtensionContext context) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "thread-dumps");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Path file = dir.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + "-" + System.nanoTime() + ".txt").toAbsolutePath();
            ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return file + "\n" + java.nio.file.Files.readString(file);
        } catch (java.io.IOException | RuntimeException e) {
            return "not written: " + e;
        }
    }

    static String dump(String testName) {
        StringBuilder out = new StringBuilder("=== thread dump: ").append(testName).append(" timed out ===\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            out.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                out.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                out.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            out.append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                out.append("    at ").append(frame).append('\n');
            }
        }
        return out.append("=== end of thread dump ===").toString();
    }
}
