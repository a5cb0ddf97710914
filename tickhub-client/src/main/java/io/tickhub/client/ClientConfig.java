package io.tickhub.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link TickhubClient} is built from. Made with {@link #builder(URI...)}; every
 * setting has a default but the endpoints.
 *
 * @param endpoints           the hubs' base URLs ({@code http://host:8080}); one at a time, the next one after each lost connection
 * @param connectionStaleAfter no message at all for this long ends the connection and reconnects; null: twice the
 *                            hub's {@code heartbeat_ms} plus one second, from its {@code connection} message
 * @param symbolStaleAfter    a subscribed symbol with no update for this long is reported {@link Stale}; null: never
 * @param queueCapacity       events the inbound queue holds before its {@link OverflowPolicy} applies
 * @param repairGaps          fill gaps from REST history (else report them {@link Lost} at once)
 * @param repairAttempts      reads of history per gap before the rest is reported lost (the store may lag the stream)
 * @param repairDelay         the wait before the second read; doubled before each later one
 * @param resetBackoffAfter   a connection that lasts this long resets the backoff to its first step
 * @param worker              where credentials are asked and REST replies read; null: a pool of daemon threads
 */
public record ClientConfig(List<URI> endpoints, boolean batch, Credentials credentials, Clock clock, Scheduler scheduler,
                           RandomGenerator random, Transport transport, HttpClient http, Backoff backoff,
                           Duration resetBackoffAfter, Duration connectTimeout, Duration connectionStaleAfter,
                           Duration symbolStaleAfter, int queueCapacity, OverflowPolicy overflowPolicy,
                           boolean repairGaps, int repairAttempts, Duration repairDelay,
                           List<ConnectionListener> listeners, HistorySource historySource, Executor worker) {

    public static Builder builder(URI... endpoints) {
        return new Builder(List.of(endpoints));
    }

    /** Builds a {@link ClientConfig}; not thread-safe, use once. */
    public static final class Builder {
        private final List<URI> endpoints;
        private boolean batch;
        private Credentials credentials;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler;
        private RandomGenerator random = new SplittableRandom();
        private Transport transport;
        private HttpClient http;
        private Backoff backoff = Backoff.defaults();
        private Duration resetBackoffAfter = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration connectionStaleAfter;
        private Duration symbolStaleAfter;
        private int queueCapacity = 10_000;
        private OverflowPolicy overflowPolicy = OverflowPolicy.CONFLATE;
        private boolean repairGaps = true;
        private int repairAttempts = 4;
        private Duration repairDelay = Duration.ofMillis(250);
        private final List<ConnectionListener> listeners = new ArrayList<>();
        private HistorySource historySource;
        private Executor worker;

        private Builder(List<URI> endpoints) {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("at least one endpoint");
            }
            this.endpoints = endpoints;
        }

        /** Ask for {@code ?batch=1}: several messages per frame under load. */
        public Builder batch(boolean batch) {
            this.batch = batch;
            return this;
        }

        /** API key or JWT, asked before each connection and when the hub warns the token is expiring. */
        public Builder credentials(Credentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** A fixed API key or token. */
        public Builder token(String token) {
            return credentials(() -> token);
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The loop the client runs on; by default a daemon thread of its own. */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** The backoff's jitter; seed it for repeatable tests. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = transport;
            return this;
        }

        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff);
            return this;
        }

        public Builder resetBackoffAfter(Duration d) {
            this.resetBackoffAfter = positive(d, "resetBackoffAfter");
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        public Builder connectionStaleAfter(Duration d) {
            this.connectionStaleAfter = positive(d, "connectionStaleAfter");
            return this;
        }

        public Builder symbolStaleAfter(Duration d) {
            this.symbolStaleAfter = positive(d, "symbolStaleAfter");
            return this;
        }

        public Builder queue(int capacity, OverflowPolicy policy) {
            if (capacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1");
            }
            this.queueCapacity = capacity;
            this.overflowPolicy = Objects.requireNonNull(policy);
            return this;
        }

        public Builder repairGaps(boolean repair) {
            this.repairGaps = repair;
            return this;
        }

        public Builder repair(int attempts, Duration firstDelay) {
            if (attempts < 1) {
                throw new IllegalArgumentException("repair attempts must be at least 1");
            }
            this.repairAttempts = attempts;
            this.repairDelay = positive(firstDelay, "repair delay");
            return this;
        }

        public Builder listener(ConnectionListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        Builder historySource(HistorySource source) {
            this.historySource = source;
            return this;
        }

        /** Where credentials are asked and REST replies are read; by default a pool of daemon threads. */
        public Builder worker(Executor worker) {
            this.worker = worker;
            return this;
        }

        public ClientConfig build() {
            return new ClientConfig(List.copyOf(endpoints), batch, credentials, clock, scheduler, random, transport, http,
                    backoff, resetBackoffAfter, connectTimeout, connectionStaleAfter, symbolStaleAfter, queueCapacity,
                    overflowPolicy, repairGaps, repairAttempts, repairDelay, List.copyOf(listeners), historySource, worker);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
