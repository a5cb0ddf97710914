package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unsubscribe, reference counts, disconnect and the stats the hub reports. */
class SubscriptionLifecycleTest {

    private final Hub hub = new Hub();

    @Test
    void nothingOfASymbolIsSentAfterTheUnsubscribedReplyEvenIfUpdatesWereQueued() {
        Client client = hub.connect();
        NativeSession session = hub.session(client, 10, 100);
        session.handle(subscribe("AAPL"));
        hub.publish("AAPL", 1, 3); // queued, not written yet

        session.handle(new ClientMessage.Unsubscribe(List.of("AAPL"), List.of()));
        hub.publish("AAPL", 4, 5);
        hub.drain();

        List<String> messages = client.messages();
        int reply = indexOfStatus(messages, "unsubscribed");
        assertThat(reply).isNotNegative();
        assertThat(messages.subList(reply, messages.size())).noneMatch(m -> Frames.isUpdateOf(m, "AAPL"));
        assertThat(client.updatesOf("AAPL")).as("the queued deltas were dropped, not sent late")
                .allMatch(Frames::isSnapshot);
    }

    @Test
    void unsubscribeOfOneSymbolLeavesTheOthersFlowing() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.fanOut.subscribe(client.connection(), "MSFT", false, null);

        hub.fanOut.unsubscribe(client.connection(), "AAPL");
        hub.publish("AAPL", 1, 2);
        hub.publish("MSFT", 1, 2);
        hub.drain();

        assertThat(client.seqsOf("AAPL")).isEmpty();
        assertThat(client.seqsOf("MSFT")).containsExactly(1L, 2L);
    }

    @Test
    void resubscribeGetsAFreshSnapshotEvenOfASeqAlreadySent() {
        hub.publish("AAPL", 1, 3);
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.drain();

        hub.fanOut.unsubscribe(client.connection(), "AAPL");
        hub.fanOut.subscribe(client.connection(), "AAPL", true, null);
        hub.drain();

        List<String> updates = client.updatesOf("AAPL");
        assertThat(updates).hasSize(2).allMatch(Frames::isSnapshot);
        assertThat(client.seqsOf("AAPL")).containsExactly(3L, 3L);
    }

    @Test
    void resubscribeBeforeTheWriterRanStartsOverWithASnapshotAfterTheUnsubscribedReply() {
        hub.publish("AAPL", 1, 3);
        Client client = hub.connect();
        NativeSession session = hub.session(client, 10, 100);
        session.handle(subscribe("AAPL"));
        hub.drain();
        hub.publish("AAPL", 4, 5); // queued for the first subscription

        session.handle(new ClientMessage.Unsubscribe(List.of("AAPL"), List.of()));
        session.handle(subscribe("AAPL"));
        hub.publish("AAPL", 6, 7);
        hub.drain();

        List<String> messages = client.messages();
        List<String> after = messages.subList(indexOfStatus(messages, "unsubscribed"), messages.size())
                .stream().filter(m -> Frames.isUpdateOf(m, "AAPL")).toList();
        assertThat(after).isNotEmpty();
        assertThat(Frames.isSnapshot(after.getFirst())).as("the new subscription starts with a snapshot").isTrue();
        assertThat(after.stream().map(Frames::seq).toList()).isSorted().doesNotHaveDuplicates().endsWith(7L);
    }

    @Test
    void referenceCountFollowsConnectionsAndInterestHearsOnlyTheEnds() {
        Client a = hub.connect();
        Client b = hub.connect();

        assertThat(hub.fanOut.subscriberCount("AAPL")).isZero();
        hub.fanOut.subscribe(a.connection(), "AAPL", false, null);
        assertThat(hub.fanOut.subscriberCount("AAPL")).isEqualTo(1);
        hub.fanOut.subscribe(b.connection(), "AAPL", false, null);
        assertThat(hub.fanOut.subscriberCount("AAPL")).isEqualTo(2);
        assertThat(hub.interest.events()).containsExactly("first AAPL");

        hub.fanOut.unsubscribe(a.connection(), "AAPL");
        assertThat(hub.fanOut.subscriberCount("AAPL")).isEqualTo(1);
        assertThat(hub.interest.events()).containsExactly("first AAPL");

        hub.fanOut.unsubscribe(b.connection(), "AAPL");
        assertThat(hub.fanOut.subscriberCount("AAPL")).isZero();
        assertThat(hub.interest.events()).containsExactly("first AAPL", "last AAPL");

        hub.fanOut.subscribe(b.connection(), "AAPL", false, null);
        assertThat(hub.interest.events()).containsExactly("first AAPL", "last AAPL", "first AAPL");
    }

    @Test
    void unsubscribeOfASymbolNotSubscribedChangesNothing() {
        Client a = hub.connect();
        Client b = hub.connect();
        hub.fanOut.subscribe(b.connection(), "AAPL", false, null);

        assertThat(hub.fanOut.unsubscribe(a.connection(), "AAPL")).isFalse();

        assertThat(hub.fanOut.subscriberCount("AAPL")).isEqualTo(1);
        assertThat(hub.interest.events()).containsExactly("first AAPL");
    }

    @Test
    void disconnectReleasesEverySubscriptionAndIsIdempotent() {
        Client a = hub.connect();
        Client b = hub.connect();
        hub.fanOut.subscribe(a.connection(), "AAPL", false, null);
        hub.fanOut.subscribe(a.connection(), "MSFT", false, null);
        hub.fanOut.subscribe(b.connection(), "AAPL", false, null);

        hub.fanOut.unregister(a.connection());

        assertThat(hub.fanOut.subscriberCount("AAPL")).isEqualTo(1);
        assertThat(hub.fanOut.subscriberCount("MSFT")).isZero();
        assertThat(hub.interest.events()).containsExactly("first AAPL", "first MSFT", "last MSFT");
        assertThat(a.connection().symbols()).isEmpty();
        assertThat(a.connection().isClosed()).isTrue();

        hub.fanOut.unregister(a.connection());
        hub.fanOut.unregister(b.connection());
        hub.fanOut.unregister(b.connection());

        assertThat(hub.fanOut.subscriberCount("AAPL")).isZero();
        assertThat(hub.interest.events()).containsExactly("first AAPL", "first MSFT", "last MSFT", "last AAPL");
        assertThat(hub.fanOut.connections()).isZero();
        assertThat(hub.fanOut.subscriptions()).isZero();
        assertThat(hub.fanOut.subscribedSymbols()).isEmpty();
    }

    @Test
    void closedConnectionCannotSubscribe() {
        Client client = hub.connect();
        hub.fanOut.unregister(client.connection());

        assertThat(hub.fanOut.subscribe(client.connection(), "AAPL", true, null)).isFalse();

        assertThat(hub.fanOut.subscriberCount("AAPL")).isZero();
        assertThat(hub.interest.events()).isEmpty();
    }

    @Test
    void statsCountConnectionsSubscriptionsAndSymbols() {
        Client a = hub.connect();
        Client b = hub.connect();
        Client idle = hub.connect();
        hub.fanOut.subscribe(a.connection(), "MSFT", false, null);
        hub.fanOut.subscribe(a.connection(), "AAPL", false, null);
        hub.fanOut.subscribe(b.connection(), "AAPL", false, null);

        assertThat(hub.fanOut.connections()).isEqualTo(3);
        assertThat(hub.fanOut.subscriptions()).isEqualTo(3);
        assertThat(hub.fanOut.subscribedSymbols()).containsExactly("AAPL", "MSFT");

        hub.fanOut.unregister(idle.connection());
        hub.fanOut.unsubscribe(a.connection(), "MSFT");

        assertThat(hub.fanOut.connections()).isEqualTo(2);
        assertThat(hub.fanOut.subscriptions()).isEqualTo(2);
        assertThat(hub.fanOut.subscribedSymbols()).containsExactly("AAPL");
    }

    @Test
    void terminatedConnectionDiscardsWhatWasQueuedCountsItAsDroppedAndWritesNothing() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.publish("AAPL", 1, 3);

        hub.fanOut.unregister(client.connection()); // the transport went away
        hub.publish("AAPL", 4, 4);
        hub.drain();

        assertThat(client.sink().frames()).isEmpty();
        assertThat(client.sink().flushes()).isZero();
        assertThat(hub.metrics.dropped()).isEqualTo(3);
        assertThat(client.connection().send(NativeMessages.pong(null))).isFalse();
    }

    @Test
    void terminatedConflatingConnectionCountsItsConflatedUpdatesAsDropped() {
        Client client = hub.connect();
        hub.fanOut.subscribe(client.connection(), "AAPL", false, null);
        hub.fanOut.subscribe(client.connection(), "MSFT", false, null);
        client.sink().setWritable(false);
        hub.publish("AAPL", 1, 16); // queued
        hub.publish("AAPL", 17, 19); // conflated into one
        hub.publish("MSFT", 1, 1); // conflated

        client.connection().terminated();
        hub.drain();

        assertThat(hub.metrics.dropped()).isEqualTo(18);
        client.sink().setWritable(true);
        client.connection().writable();
        hub.drain();
        assertThat(client.sink().frames()).isEmpty();
    }

    private static ClientMessage.Subscribe subscribe(String... symbols) {
        return new ClientMessage.Subscribe(List.of(symbols), List.of(), true, Map.of(), null);
    }

    private static int indexOfStatus(List<String> messages, String status) {
        for (int i = 0; i < messages.size(); i++) {
            if ("subscription".equals(Frames.type(messages.get(i))) && status.equals(Frames.string(messages.get(i),
                    "status"))) {
                return i;
            }
        }
        return -1;
    }
}
