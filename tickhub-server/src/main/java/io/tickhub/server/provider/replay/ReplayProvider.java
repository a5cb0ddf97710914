package io.tickhub.server.provider.replay;

import io.tickhub.core.ingest.QuoteSink;
import io.tickhub.core.provider.ProviderStatusBoard;
import io.tickhub.core.provider.SchedulerState;
import io.tickhub.core.quote.RawQuote;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a CSV of recorded prices into ingest, on one thread of its own which alone reads the file
 * and keeps the replay's state; counters and {@link #isRunning} may be read from any thread.
 *
 * <p>Bad rows are counted and logged with their line number and skipped; they never stop the
 * replay. A looping replay shifts each pass by {@link ReplaySchedule#loopShift}, so provider times
 * keep increasing and ingest never takes a pass for duplicates of the last.
 */
public final class ReplayProvider implements SchedulerState, AutoCloseable {

    public static final String NAME = "replay";

    private static final Logger log = LoggerFactory.getLogger(ReplayProvider.class);
    /** Bad rows logged one by one per file; the rest only counted (a file of garbage must not flood the log). */
    private static final int BAD_ROWS_LOGGED = 20;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final ReplaySettings settings;
    private final QuoteSink sink;
    private final ProviderStatusBoard status;
    private final Clock clock;
    private final ReplayPacer pacer;

    private final AtomicLong played = new AtomicLong();
    private final AtomicLong badRows = new AtomicLong();
    private final AtomicLong passes = new AtomicLong();
    private volatile boolean closing;
    private Thread thread;

    // Replay thread only.
    private ReplaySchedule schedule;
    private Duration shift = Duration.ZERO;
    private Instant earliest;
    private Instant latest;

    /** @throws IllegalArgumentException when the file cannot be read: a configured replay that cannot play is a start-up error */
    public ReplayProvider(ReplaySettings settings, QuoteSink sink, ProviderStatusBoard status, Clock clock) {
        this(settings, sink, status, clock, ReplayPacer.sleeping(clock));
    }

    ReplayProvider(ReplaySettings settings, QuoteSink sink, ProviderStatusBoard status, Clock clock, ReplayPacer pacer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.status = Objects.requireNonNull(status, "status");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        if (!Files.isRegularFile(settings.file()) || !Files.isReadable(settings.file())) {
            throw new IllegalArgumentException("replay file " + settings.file().toAbsolutePath() + " is not a readable file");
        }
    }

    public String name() {
        return NAME;
    }

    public synchronized void start() {
        if (thread != null || closing) {
            return;
        }
        status.starting(NAME);
        thread = Thread.ofPlatform().name("tickhub-replay").daemon().start(this::run);
        log.info("Replay of {} started: {}, {}{}", settings.file(), settings.asFastAsPossible() ? "as fast as possible"
                : settings.speed() + "x", settings.loop() ? "looping" : "once", settings.rebase() ? ", rebased to now" : "");
    }

    /** True while rows are being played (false once a replay that does not loop has finished). */
    @Override
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /** Rows handed to ingest since start, every pass included. */
    public long playedCount() {
        return played.get();
    }

    /** Rows of the file that could not be read (counted on the first pass; later passes skip the same rows). */
    public long badRowCount() {
        return badRows.get();
    }

    /** Passes through the file completed. */
    public long passCount() {
        return passes.get();
    }

    /** Stops the replay and waits for its thread, so nothing is submitted after this returns. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = thread;
        }
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            if (!running.join(CLOSE_WAIT)) {
                log.error("Replay thread did not stop within {}; ingest may close under it", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the caller's shutdown goes on; it sees the flag
        }
    }

    // --- replay thread ---------------------------------------------------------------------------

    private void run() {
        try {
            do {
                long before = played.get();
                playFile(passes.get());
                if (played.get() == before) {
                    status.failed(NAME, "replay file " + settings.file().getFileName() + " has no playable rows");
                    log.warn("Replay of {} stopped: no playable rows ({} bad)", settings.file(), badRows.get());
                    return;
                }
                if (passes.incrementAndGet() == 1) {
                    shift = ReplaySchedule.loopShift(earliest, latest, played.get());
                }
                // The first pass says what the file holds; a small file looping fast must not flood the log.
                if (passes.get() == 1) {
                    log.info("Replay pass 1 of {} done: {} rows played, {} bad rows", settings.file().getFileName(),
                            played.get(), badRows.get());
                } else {
                    log.debug("Replay pass {} of {} done: {} rows played in all", passes.get(),
                            settings.file().getFileName(), played.get());
                }
            } while (settings.loop() && !closing);
        } catch (InterruptedException e) {
            // close(): the replay ends here.
        } catch (IOException | RuntimeException e) {
            status.failed(NAME, "replay of " + settings.file().getFileName() + " failed: " + e);
            log.error("Replay of {} failed", settings.file(), e);
        }
    }

    private void playFile(long pass) throws IOException, InterruptedException {
        boolean first = pass == 0;
        try (BufferedReader in = Files.newBufferedReader(settings.file(), StandardCharsets.UTF_8)) {
            boolean seenContent = false;
            long lineNumber = 0;
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (closing) {
                    throw new InterruptedException("closing");
                }
                if (ReplayCsv.skipped(line)) {
                    continue;
                }
                if (!seenContent) {
                    seenContent = true;
                    if (ReplayCsv.header(line)) {
                        continue;
                    }
                }
                ReplayRow row;
                try {
                    row = ReplayCsv.parse(line);
                } catch (ReplayCsv.BadRow e) {
                    if (first && badRows.incrementAndGet() <= BAD_ROWS_LOGGED) {
                        log.warn("Replay {} line {} skipped: {}", settings.file().getFileName(), lineNumber, e.getMessage());
                    }
                    continue;
                }
                play(row, pass);
            }
        }
    }

    private void play(ReplayRow row, long pass) throws InterruptedException {
        if (pass == 0) {
            earliest = earliest == null || row.time().isBefore(earliest) ? row.time() : earliest;
            latest = latest == null || row.time().isAfter(latest) ? row.time() : latest;
        }
        Instant time = row.time().plus(shift.multipliedBy(pass));
        if (schedule == null) {
            schedule = new ReplaySchedule(clock.instant(), time, settings.speed(), settings.rebase());
        }
        if (!settings.asFastAsPossible()) {
            pacer.awaitInstant(schedule.due(time));
        }
        sink.submit(new RawQuote(row.symbol(), row.price(), row.bid(), row.ask(), row.volume(), NAME,
                schedule.providerTime(time)));
        played.incrementAndGet();
        status.succeeded(NAME, 1);
    }
}
