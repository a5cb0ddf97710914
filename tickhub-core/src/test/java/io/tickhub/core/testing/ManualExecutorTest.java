package io.tickhub.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualExecutorTest {

    private final ManualExecutor executor = new ManualExecutor();
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsNothingUntilToldThenEverythingInSubmissionOrderOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        executor.execute(() -> ran.add("a"));
        executor.execute(() -> ran.add(Thread.currentThread() == caller ? "b on caller" : "b elsewhere"));
        assertThat(ran).isEmpty();
        assertThat(executor.pending()).isEqualTo(2);

        assertThat(executor.runAll()).isEqualTo(2);

        assertThat(ran).containsExactly("a", "b on caller");
        assertThat(executor.pending()).isZero();
        assertThat(executor.executed()).isEqualTo(2);
    }

    @Test
    void runAllAlsoRunsTasksSubmittedWhileRunningAfterThoseAlreadyQueued() {
        executor.execute(() -> {
            ran.add("first");
            executor.execute(() -> ran.add("submitted by first"));
        });
        executor.execute(() -> ran.add("second"));

        executor.runAll();

        assertThat(ran).containsExactly("first", "second", "submitted by first");
    }

    @Test
    void runNextRunsOneTask() {
        executor.execute(() -> ran.add("a"));
        executor.execute(() -> ran.add("b"));

        assertThat(executor.runNext()).isTrue();

        assertThat(ran).containsExactly("a");
        assertThat(executor.pending()).isEqualTo(1);
        executor.runAll();
        assertThat(executor.runNext()).isFalse();
    }
}
