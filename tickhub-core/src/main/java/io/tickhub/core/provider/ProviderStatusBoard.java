package io.tickhub.core.provider;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current {@link ProviderStatus} of every provider. Thread-safe: each provider reports from
 * its own thread; each report atomically replaces an immutable record.
 */
public final class ProviderStatusBoard {

    private final Clock clock;
    private final ConcurrentHashMap<String, ProviderStatus> byName = new ConcurrentHashMap<>();

    public ProviderStatusBoard(Clock clock) {
        this.clock = clock;
    }

    public void starting(String name) {
        byName.put(name, ProviderStatus.starting(name));
    }

    /** Enabled, nothing asked of it yet (a polling provider no job names). */
    public void idle(String name) {
        byName.put(name, new ProviderStatus(name, ProviderState.IDLE, null, null, null, 0, null));
    }

    /** The provider delivered {@code quotes} quotes just now. */
    public void succeeded(String name, int quotes) {
        var now = clock.instant();
        byName.compute(name, (n, s) -> {
            ProviderStatus prev = s == null ? ProviderStatus.starting(n) : s;
            return new ProviderStatus(n, ProviderState.UP, now, prev.lastError(), null, prev.quotes() + quotes, null);
        });
    }

    public void failed(String name, String message) {
        var now = clock.instant();
        byName.compute(name, (n, s) -> {
            ProviderStatus prev = s == null ? ProviderStatus.starting(n) : s;
            return new ProviderStatus(n, ProviderState.DOWN, prev.lastSuccess(), now, message, prev.quotes(),
                    prev.rateLimitedUntil());
        });
    }

    /** The upstream refused us for its rate limit; we wait until {@code until}. */
    public void rateLimited(String name, java.time.Instant until, String message) {
        var now = clock.instant();
        byName.compute(name, (n, s) -> {
            ProviderStatus prev = s == null ? ProviderStatus.starting(n) : s;
            return new ProviderStatus(n, ProviderState.RATE_LIMITED, prev.lastSuccess(), now, message, prev.quotes(),
                    until);
        });
    }

    public void disabled(String name, String reason) {
        byName.compute(name, (n, s) -> {
            ProviderStatus prev = s == null ? ProviderStatus.starting(n) : s;
            return new ProviderStatus(n, ProviderState.DISABLED, prev.lastSuccess(), prev.lastError(), reason,
                    prev.quotes(), null);
        });
    }

    public Optional<ProviderStatus> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every provider, sorted by name. */
    public List<ProviderStatus> all() {
        return byName.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /**
     * True when every enabled provider is up or idle (a polling provider no job names): none is
     * starting, down or rate limited. Disabled ones do not count; an empty board is all up.
     * docs/compat.md: {@code /health} is {@code degraded} while an enabled provider starts or fails.
     */
    public boolean allEnabledUp() {
        return byName.values().stream().allMatch(s -> switch (s.state()) {
            case UP, IDLE, DISABLED -> true;
            case STARTING, DOWN, RATE_LIMITED -> false;
        });
    }
}
