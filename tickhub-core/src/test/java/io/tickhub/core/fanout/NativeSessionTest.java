package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.testing.NewsFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The native protocol's client messages: replies, validation, limits. */
class NativeSessionTest {

    private static final int MAX_SYMBOLS = 3;
    private static final int MAX_MESSAGES_PER_SECOND = 5;

    private final Hub hub = new Hub();
    private final Client client = hub.connect();
    private final NativeSession session = hub.session(client, MAX_SYMBOLS, 1000);

    private List<String> handle(ClientMessage message) {
        int before = client.sink().frames().size();
        session.handle(message);
        hub.drain();
        List<String> frames = client.sink().frames();
        return frames.subList(before, frames.size());
    }

    private static ClientMessage.Subscribe subscribe(String... symbols) {
        return new ClientMessage.Subscribe(List.of(symbols), List.of(), true, Map.of(), null);
    }

    private static ClientMessage.Subscribe subscribe(List<String> symbols, List<String> channels) {
        return new ClientMessage.Subscribe(symbols, channels, true, Map.of(), null);
    }

    private static ClientMessage.Unsubscribe unsubscribe(String... symbols) {
        return new ClientMessage.Unsubscribe(List.of(symbols), List.of());
    }

    // ------------------------------------------------------------------ subscribe

    @Test
    void subscribeReplyEchoesSymbolsAsSentWithWhatWasAcceptedAndWhatWasRejectedAndWhy() {
        List<String> frames = handle(subscribe("aapl", " msft ", "bad sym", "*"));

        assertThat(frames).containsExactly("{\"type\":\"subscription\",\"status\":\"subscribed\","
                + "\"symbols\":[\"aapl\",\" msft \",\"bad sym\",\"*\"],\"accepted\":[\"AAPL\",\"MSFT\"],"
                + "\"rejected\":[{\"symbol\":\"bad sym\",\"reason\":\"invalid_symbol\"},"
                + "{\"symbol\":\"*\",\"reason\":\"wildcard_not_allowed\"}],\"channels\":[\"quotes\"]}");
        assertThat(client.connection().symbols()).containsExactlyInAnyOrder("AAPL", "MSFT");
        assertThat(hub.fanOut.subscriberCount("AAPL")).isEqualTo(1);
    }

    @Test
    void subscribedSymbolsAreNormalisedSoUpdatesOfTheCanonicalSymbolFlow() {
        hub.publish("AAPL", 1, 1);

        List<String> frames = handle(subscribe("aapl"));
        hub.publish("AAPL", 2, 2);
        hub.drain();

        assertThat(Frames.messages(frames)).extracting(Frames::type).containsExactlyInAnyOrder("price_update",
                "subscription");
        assertThat(client.seqsOf("AAPL")).containsExactly(1L, 2L);
    }

    @Test
    void snapshotIsQueuedBeforeTheSubscribeReply() {
        hub.publish("AAPL", 1, 1);

        List<String> frames = handle(subscribe("AAPL"));

        assertThat(frames).extracting(Frames::type).containsExactly("price_update", "subscription");
    }

    @Test
    void subscribeBeyondTheLimitAppliesItUpToTheLimitAndRejectsTheRestWithTooManySubscriptions() {
        List<String> frames = handle(subscribe("A", "B", "C", "D"));

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).contains("\"accepted\":[\"A\",\"B\",\"C\"]").contains(
                "\"rejected\":[{\"symbol\":\"D\",\"reason\":\"too_many_subscriptions\",\"channel\":\"quotes\"}]");
        assertThat(Frames.string(frames.get(1), "code")).isEqualTo("too_many_subscriptions");
        assertThat(Frames.string(frames.get(1), "message")).contains("1 refused");
        assertThat(client.connection().symbols()).hasSize(MAX_SYMBOLS);
        assertThat(hub.metrics.refused("subscriptions_per_connection")).isEqualTo(1);
    }

    @Test
    void subscribeWithNothingAcceptedForTooManySubscriptionsAlsoGetsAnErrorFrame() {
        handle(subscribe("A", "B", "C"));

        List<String> frames = handle(subscribe("D", "E"));

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0)).contains("\"accepted\":[]").contains("too_many_subscriptions");
        assertThat(Frames.type(frames.get(1))).isEqualTo("error");
        assertThat(Frames.string(frames.get(1), "code")).isEqualTo("too_many_subscriptions");
        assertThat(client.connection().symbols()).containsExactlyInAnyOrder("A", "B", "C");
    }

    @Test
    void resubscribingASymbolAlreadyHeldDoesNotCountAgainstTheLimit() {
        handle(subscribe("A", "B", "C"));

        List<String> frames = handle(subscribe("a", "B"));

        assertThat(frames).singleElement().satisfies(reply -> assertThat(reply)
                .contains("\"accepted\":[\"A\",\"B\"]").contains("\"rejected\":[]"));
    }

    @Test
    void unknownChannelIsABadRequestAndSubscribesNothing() {
        List<String> frames = handle(subscribe(List.of("AAPL"), List.of("quotes", "trades")));

        assertThat(frames).singleElement().satisfies(error -> {
            assertThat(Frames.type(error)).isEqualTo("error");
            assertThat(Frames.string(error, "code")).isEqualTo("bad_request");
            assertThat(Frames.string(error, "message")).contains("trades");
        });
        assertThat(client.connection().symbols()).isEmpty();
        assertThat(hub.fanOut.subscriberCount("AAPL")).isZero();
    }

    @Test
    void barsChannelStartsWithTheCurrentBarThenEachChangeAndTheCloseOfTheBar() {
        hub.publish(io.tickhub.core.testing.QuoteFixtures.quote("AAPL", 1, 100.0));

        List<String> reply = handle(subscribe(List.of("aapl"), List.of("bars.1s")));
        assertThat(Frames.messages(reply)).extracting(Frames::type).containsExactly("bar", "subscription");
        assertThat(reply.getFirst()).contains("\"interval\":\"1s\"").contains("\"o\":100.0").contains("\"closed\":false");

        hub.publish(io.tickhub.core.testing.QuoteFixtures.quote("AAPL", 2, 101.0));
        hub.barAggregator.closeDue(java.time.Instant.parse("2030-01-01T00:00:00Z"));
        hub.drain();

        List<String> bars = client.ofType("bar");
        assertThat(bars).hasSize(3);
        assertThat(bars.get(1)).contains("\"h\":101.0").contains("\"n\":2").contains("\"closed\":false");
        assertThat(bars.get(2)).contains("\"c\":101.0").contains("\"closed\":true");
        assertThat(client.connection().symbols()).as("bars do not subscribe quotes").isEmpty();
    }

    @Test
    void barSubscriptionsAreListedAndReleased() {
        handle(subscribe(List.of("AAPL"), List.of("bars.1m", "bars.1h")));

        assertThat(handle(new ClientMessage.ListSubscriptions())).singleElement().satisfies(l -> assertThat(l)
                .contains("\"bars.1m\":[\"AAPL\"]").contains("\"bars.1h\":[\"AAPL\"]"));
        handle(new ClientMessage.Unsubscribe(List.of("AAPL"), List.of("bars.1m")));
        assertThat(hub.bars.subscriptions()).isEqualTo(1);
        hub.disconnect(client);
        assertThat(hub.bars.subscriptions()).isZero();
    }

    @Test
    void quotesAndBarsInOneSubscribeAreBothAccepted() {
        List<String> frames = handle(subscribe(List.of("AAPL"), List.of("quotes", "bars.1m")));

        assertThat(frames).singleElement().satisfies(reply -> assertThat(reply)
                .contains("\"accepted\":[\"AAPL\"]").contains("\"rejected\":[]"));
        assertThat(hub.fanOut.subscriberCount("AAPL")).isEqualTo(1);
        assertThat(hub.bars.subscriptions()).isEqualTo(1);
    }

    @Test
    void newsChannelDeliversItemsAboutTheSubscribedSymbolsOnly() {
        handle(subscribe(List.of("aapl"), List.of("news")));

        hub.newsWire.publish(NewsFixtures.item("n1", "AAPL"));
        hub.newsWire.publish(NewsFixtures.item("n2", "MSFT"));
        hub.newsWire.publish(NewsFixtures.item("n3", "MSFT", "AAPL"));
        hub.drain();

        assertThat(client.ofType("news")).extracting(m -> Frames.string(m, "id")).containsExactly("n1", "n3");
        assertThat(client.connection().symbols()).as("news does not subscribe quotes").isEmpty();
    }

    @Test
    void newsSubscriptionsAreListedAndReleasedOnUnsubscribe() {
        NativeSession session = hub.session(client, 4, 1000); // 2 symbols x 2 channels
        session.handle(subscribe(List.of("AAPL", "MSFT"), List.of("quotes", "news")));
        hub.drain();

        assertThat(handle(new ClientMessage.ListSubscriptions())).containsExactly(
                "{\"type\":\"subscriptions\",\"channels\":{\"quotes\":[\"AAPL\",\"MSFT\"],\"news\":[\"AAPL\",\"MSFT\"]}}");
        List<String> reply = handle(new ClientMessage.Unsubscribe(List.of("AAPL"), List.of("news")));

        assertThat(reply).singleElement().satisfies(r -> assertThat(r).contains("\"accepted\":[\"AAPL\"]"));
        assertThat(hub.news.symbolsOf(client.connection())).containsExactly("MSFT");
        assertThat(client.connection().symbols()).containsExactlyInAnyOrder("AAPL", "MSFT");
    }

    @Test
    void maxRateOutsideItsRangeIsABadRequestAndSubscribesNothing() {
        for (double rate : List.of(0.0, -1.0, 1e9)) {
            List<String> frames = handle(new ClientMessage.Subscribe(List.of("AAPL"), List.of(), true, Map.of(), rate));

            assertThat(frames).singleElement().satisfies(error -> {
                assertThat(Frames.type(error)).isEqualTo("error");
                assertThat(Frames.string(error, "code")).isEqualTo("bad_request");
                assertThat(Frames.string(error, "message")).contains("maxRate");
            });
        }
        assertThat(client.connection().symbols()).isEmpty();
    }

    @Test
    void subscribeWithResumeReplaysFromTheBookMatchingTheSymbolWhateverItsCase() {
        hub.publish("AAPL", 1, 5);

        List<String> frames = handle(new ClientMessage.Subscribe(List.of("AAPL"), List.of(), true,
                Map.of("aapl", 3L), null));

        List<String> messages = Frames.messages(frames);
        assertThat(messages).extracting(Frames::type)
                .containsExactly("recovered", "price_update", "price_update", "subscription");
        assertThat(client.seqsOf("AAPL")).containsExactly(4L, 5L);
    }

    @Test
    void subscribeWithoutSnapshotSendsOnlyTheReply() {
        hub.publish("AAPL", 1, 5);

        List<String> frames = handle(new ClientMessage.Subscribe(List.of("AAPL"), List.of(), false, Map.of(), null));

        assertThat(frames).extracting(Frames::type).containsExactly("subscription");
    }

    // ------------------------------------------------------------------ unsubscribe, list

    @Test
    void unsubscribeRemovesWhatWasSubscribedAndRejectsTheRest() {
        handle(subscribe("AAPL", "MSFT"));

        List<String> frames = handle(unsubscribe("aapl", "TSLA", "bad sym"));

        assertThat(frames).containsExactly("{\"type\":\"subscription\",\"status\":\"unsubscribed\","
                + "\"symbols\":[\"aapl\",\"TSLA\",\"bad sym\"],\"accepted\":[\"AAPL\"],"
                + "\"rejected\":[{\"symbol\":\"bad sym\",\"reason\":\"invalid_symbol\"},"
                + "{\"symbol\":\"TSLA\",\"reason\":\"not_subscribed\",\"channel\":\"quotes\"}],"
                + "\"channels\":[\"quotes\"]}");
        assertThat(client.connection().symbols()).containsExactly("MSFT");
        assertThat(hub.fanOut.subscriberCount("AAPL")).isZero();
    }

    @Test
    void unsubscribeFromAnUnknownChannelIsABadRequest() {
        handle(subscribe("AAPL"));

        List<String> frames = handle(new ClientMessage.Unsubscribe(List.of("AAPL"), List.of("trades")));

        assertThat(frames).singleElement().satisfies(e -> assertThat(Frames.string(e, "code")).isEqualTo(
                "bad_request"));
        assertThat(client.connection().symbols()).containsExactly("AAPL");
    }

    @Test
    void listRepliesWithTheSubscriptionsSorted() {
        handle(subscribe("msft", "AAPL"));

        assertThat(handle(new ClientMessage.ListSubscriptions()))
                .containsExactly("{\"type\":\"subscriptions\",\"channels\":{\"quotes\":[\"AAPL\",\"MSFT\"],\"news\":[]}}");
    }

    @Test
    void listWithNoSubscriptionsIsEmpty() {
        assertThat(handle(new ClientMessage.ListSubscriptions()))
                .containsExactly("{\"type\":\"subscriptions\",\"channels\":{\"quotes\":[],\"news\":[]}}");
    }

    // ------------------------------------------------------------------ ping, errors

    @Test
    void pingIsAnsweredWithPongEchoingItsIdAsSent() {
        assertThat(handle(new ClientMessage.Ping("\"abc\""))).containsExactly("{\"type\":\"pong\",\"id\":\"abc\"}");
        assertThat(handle(new ClientMessage.Ping("42"))).containsExactly("{\"type\":\"pong\",\"id\":42}");
        assertThat(handle(new ClientMessage.Ping(null))).containsExactly("{\"type\":\"pong\"}");
    }

    @Test
    void textPingIsAnsweredWithTextPong() {
        assertThat(handle(new ClientMessage.TextPing())).containsExactly("pong");
    }

    @Test
    void invalidMessageGetsAnErrorFrameWithItsCodeAndTheConnectionStays() {
        List<String> frames = handle(new ClientMessage.Invalid("bad_json", "Unexpected end of input"));

        assertThat(frames).containsExactly(
                "{\"type\":\"error\",\"code\":\"bad_json\",\"message\":\"Unexpected end of input\"}");
        assertThat(client.sink().isClosed()).isFalse();
        assertThat(handle(new ClientMessage.Ping("1"))).hasSize(1);
    }

    @Test
    void unknownActionGetsAnUnknownActionError() {
        assertThat(handle(new ClientMessage.UnknownAction("foo")))
                .containsExactly("{\"type\":\"error\",\"code\":\"unknown_action\",\"message\":\"Unknown action: foo\"}");
    }

    @Test
    void authWhenAuthenticationIsOffIsABadRequest() {
        assertThat(handle(new ClientMessage.Auth("secret"))).singleElement()
                .satisfies(e -> assertThat(Frames.string(e, "code")).isEqualTo("bad_request"));
    }

    @Test
    void errorMessageTextIsEscaped() {
        assertThat(handle(new ClientMessage.Invalid("bad_json", "quote \" and \\ and \n")))
                .containsExactly("{\"type\":\"error\",\"code\":\"bad_json\","
                        + "\"message\":\"quote \\\" and \\\\ and \\n\"}");
    }

    // ------------------------------------------------------------------ rate limit

    @Test
    void messagesOverTheRateAreRefusedWithRateLimitedAndTheConnectionStaysOpen() {
        NativeSession limited = hub.session(client, MAX_SYMBOLS, MAX_MESSAGES_PER_SECOND);

        for (int i = 0; i < MAX_MESSAGES_PER_SECOND; i++) {
            limited.handle(new ClientMessage.Ping(String.valueOf(i)));
        }
        for (int i = 0; i < MAX_MESSAGES_PER_SECOND; i++) {
            limited.handle(new ClientMessage.Ping("over" + i));
        }
        hub.drain();

        List<String> frames = client.sink().frames();
        assertThat(frames).hasSize(2 * MAX_MESSAGES_PER_SECOND);
        assertThat(frames.subList(0, MAX_MESSAGES_PER_SECOND)).allMatch(f -> "pong".equals(Frames.type(f)));
        assertThat(frames.subList(MAX_MESSAGES_PER_SECOND, frames.size()))
                .allMatch(f -> "error".equals(Frames.type(f)) && "rate_limited".equals(Frames.string(f, "code")));
        assertThat(client.sink().isClosed()).isFalse();
    }

    @Test
    void clientThatKeepsFloodingPastTheLimitIsClosedWith4029() {
        NativeSession limited = hub.session(client, MAX_SYMBOLS, MAX_MESSAGES_PER_SECOND);

        for (int i = 0; i < 3 * MAX_MESSAGES_PER_SECOND; i++) {
            limited.handle(new ClientMessage.Ping(String.valueOf(i)));
        }
        hub.drain();

        assertThat(client.sink().closeCode()).isEqualTo(Connection.RATE_LIMITED);
        assertThat(client.sink().closeReason()).isEqualTo("rate limited");
        assertThat(client.sink().frames()).as("pongs and rate_limited errors up to the close")
                .hasSize(2 * MAX_MESSAGES_PER_SECOND);
        assertThat(client.sink().writesAfterClose()).isZero();
    }

    @Test
    void afterASecondMessagesAreAcceptedAgain() {
        NativeSession limited = hub.session(client, MAX_SYMBOLS, MAX_MESSAGES_PER_SECOND);
        for (int i = 0; i < MAX_MESSAGES_PER_SECOND + 3; i++) {
            limited.handle(new ClientMessage.Ping(String.valueOf(i)));
        }

        hub.clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < MAX_MESSAGES_PER_SECOND; i++) {
            limited.handle(new ClientMessage.Ping("again" + i));
        }
        hub.drain();

        List<String> frames = client.sink().frames();
        assertThat(frames.subList(frames.size() - MAX_MESSAGES_PER_SECOND, frames.size()))
                .allMatch(f -> "pong".equals(Frames.type(f)));
        assertThat(client.sink().isClosed()).isFalse();
    }

    @Test
    void anAcceptedMessageResetsTheRunOfRefusals() {
        NativeSession limited = hub.session(client, MAX_SYMBOLS, MAX_MESSAGES_PER_SECOND);
        for (int round = 0; round < 3; round++) { // each round: the bucket's worth, then as many refusals
            for (int i = 0; i < 2 * MAX_MESSAGES_PER_SECOND; i++) {
                limited.handle(new ClientMessage.Ping(String.valueOf(i)));
            }
            hub.clock.advance(Duration.ofSeconds(1));
        }
        hub.drain();

        assertThat(client.sink().isClosed()).isFalse();
    }

    @Test
    void refusedMessagesHaveNoEffect() {
        NativeSession limited = hub.session(client, MAX_SYMBOLS, MAX_MESSAGES_PER_SECOND);
        for (int i = 0; i < MAX_MESSAGES_PER_SECOND; i++) {
            limited.handle(new ClientMessage.ListSubscriptions());
        }

        limited.handle(subscribe("AAPL"));

        assertThat(client.connection().symbols()).isEmpty();
        assertThat(hub.fanOut.subscriberCount("AAPL")).isZero();
    }

    @Test
    void flooderThatReadsNothingIsStillClosedWith4029() {
        NativeSession limited = hub.session(client, MAX_SYMBOLS, MAX_MESSAGES_PER_SECOND);
        client.sink().setWritable(false);

        for (int i = 0; i < 3 * MAX_MESSAGES_PER_SECOND + Hub.SMALL.queueCapacity(); i++) {
            limited.handle(new ClientMessage.Ping(String.valueOf(i)));
        }
        hub.drain();

        assertThat(client.sink().closeCode()).isEqualTo(Connection.RATE_LIMITED);
    }
}
