package io.tickhub.core.fanout;

import static io.tickhub.core.testing.QuoteFixtures.quote;

import io.tickhub.core.analytics.BarAggregator;
import io.tickhub.core.analytics.BarSettings;
import io.tickhub.core.book.Book;
import io.tickhub.core.journal.StreamEpoch;
import java.time.ZoneOffset;
import io.tickhub.core.news.NewsWire;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.testing.CountingFanOutMetrics;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.core.testing.ManualExecutor;
import io.tickhub.core.testing.RecordingFrameSink;
import io.tickhub.core.testing.RecordingSymbolInterest;
import java.time.Duration;
import java.util.List;

/**
 * A fan-out with everything around it made deterministic: a manual clock, one manual event loop
 * shared by the test's connections, recording sinks, counting metrics. {@link #publish} is the
 * bus thread's work (book first, then fan-out, as the wiring does); {@link #drain} is the event
 * loop's turn.
 */
final class Hub {

    /** Small limits: conflation starts after 16 waiting messages, 5 s to catch up, 10 s heartbeats. */
    static final StreamSettings SMALL = new StreamSettings(16, Duration.ofSeconds(5), Duration.ofSeconds(10), 50);
    /** The stream epoch of every hub here; {@link #OTHER_EPOCH} stands for one before a lost journal. */
    static final StreamEpoch EPOCH = new StreamEpoch("00000000000000e1");
    static final StreamEpoch OTHER_EPOCH = new StreamEpoch("00000000000000e0");

    final ManualClock clock = new ManualClock();
    final ManualExecutor loop = new ManualExecutor();
    final CountingFanOutMetrics metrics = new CountingFanOutMetrics();
    final RecordingSymbolInterest interest = new RecordingSymbolInterest();
    final StreamSettings settings;
    final Book book;
    final InstrumentRegistry instruments = new InstrumentRegistry();
    final MarketEncoder encoder = new MarketEncoder(instruments, EPOCH);
    final StreamContext context;
    final SubscriptionBudget subscriptions;
    final FanOut fanOut;
    final NewsWire newsWire = new NewsWire(20);
    final NewsFanOut news = new NewsFanOut(newsWire);
    final BarAggregator barAggregator = new BarAggregator(ZoneOffset.UTC, BarSettings.DEFAULTS, clock);
    final BarFanOut bars = new BarFanOut(barAggregator);
    private int clients;

    Hub() {
        this(100, SMALL);
    }

    Hub(int historySize, StreamSettings settings) {
        this(historySize, settings, SubscriptionBudget.unlimited());
    }

    /** @param subscriptions the hub's total of subscriptions and its limit */
    Hub(int historySize, StreamSettings settings, SubscriptionBudget subscriptions) {
        this.settings = settings;
        this.book = new Book(historySize);
        this.subscriptions = subscriptions;
        this.context = new StreamContext(book, clock, settings, metrics, encoder, subscriptions);
        this.fanOut = new FanOut(book, encoder, interest);
        newsWire.subscribe(news);
        barAggregator.subscribe(bars);
    }

    Client connect() {
        return connect(false);
    }

    Client connectBatch() {
        return connect(true);
    }

    private Client connect(boolean batch) {
        return connect(batch, WireFormat.NATIVE);
    }

    Client connect(boolean batch, WireFormat format) {
        RecordingFrameSink sink = new RecordingFrameSink();
        Connection connection = new Connection("c" + (++clients), sink, loop, context, batch, format);
        fanOut.register(connection);
        return new Client(connection, sink);
    }

    /** The native protocol on {@code client}; {@code *} refused. */
    NativeSession session(Client client, int maxSymbols, int maxMessagesPerSecond) {
        return new NativeSession(client.connection(), fanOut, news, bars, clock,
                new SessionLimits(maxSymbols, maxMessagesPerSecond, false));
    }

    /** The native protocol on {@code client}; {@code *} allowed. */
    NativeSession sessionAllowingWildcard(Client client) {
        return new NativeSession(client.connection(), fanOut, news, bars, clock, new SessionLimits(50, 1000, true));
    }

    /** What the transport does when the client goes, however it goes. */
    void disconnect(Client client) {
        fanOut.unregister(client.connection());
        news.unregister(client.connection());
        bars.unregister(client.connection());
    }

    /** What the bus thread does with an accepted quote. */
    void publish(Quote quote) {
        book.apply(quote);
        fanOut.onQuote(quote);
        barAggregator.onQuote(quote);
        fanOut.onBatchEnd();
    }

    /** Publishes seqs {@code from..to} of {@code symbol}. */
    void publish(String symbol, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            publish(quote(symbol, seq));
        }
    }

    /** Only into the book, as if the fan-out had not been told yet (or the symbol had no subscriber). */
    void applyOnly(String symbol, long from, long to) {
        for (long seq = from; seq <= to; seq++) {
            book.apply(quote(symbol, seq));
        }
    }

    /** One turn of the event loop: every queued drain, ping and close runs now. */
    void drain() {
        loop.runAll();
    }

    /** A connection with its recording transport. */
    record Client(Connection connection, RecordingFrameSink sink) {

        /** Every JSON message written, batches expanded. */
        List<String> messages() {
            return Frames.messages(sink.frames());
        }

        List<String> updatesOf(String symbol) {
            return messages().stream().filter(m -> Frames.isUpdateOf(m, symbol)).toList();
        }

        List<Long> seqsOf(String symbol) {
            return updatesOf(symbol).stream().map(Frames::seq).toList();
        }

        List<String> ofType(String type) {
            return messages().stream().filter(m -> type.equals(Frames.type(m))).toList();
        }
    }
}
