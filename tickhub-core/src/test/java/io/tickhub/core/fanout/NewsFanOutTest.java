package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import io.tickhub.core.testing.NewsFixtures;
import org.junit.jupiter.api.Test;

/** News routing: every item to all-news connections, per-symbol items to their subscribers, never twice. */
class NewsFanOutTest {

    private final Hub hub = new Hub();

    @Test
    void allNewsStartsWithTheRecentItemsKeyedByIdThenEachNewItem() {
        hub.newsWire.publish(NewsFixtures.item("n1", "AAPL"));
        Client client = hub.connect(false, WireFormat.TICKER_HUB);

        hub.news.subscribeAll(client.connection(), true);
        hub.newsWire.publish(NewsFixtures.item("n2"));
        hub.drain();

        assertThat(client.sink().frames()).hasSize(2);
        assertThat(client.sink().frames().get(0)).startsWith("{\"n1\":{\"id\":\"n1\",\"symbols\":[\"AAPL\"],"
                + "\"headline\":\"Headline n1\"");
        assertThat(client.sink().frames().get(1)).startsWith("{\"n2\":{\"id\":\"n2\",\"symbols\":[]");
    }

    @Test
    void anItemAboutSeveralSubscribedSymbolsIsSentOnce() {
        Client client = hub.connect();
        hub.news.subscribe(client.connection(), "AAPL");
        hub.news.subscribe(client.connection(), "MSFT");

        hub.newsWire.publish(NewsFixtures.item("n1", "AAPL", "MSFT"));
        hub.drain();

        assertThat(client.ofType("news")).hasSize(1);
    }

    @Test
    void aRepeatedIdIsNotPublishedAgain() {
        Client client = hub.connect();
        hub.news.subscribeAll(client.connection(), false);

        assertThat(hub.newsWire.publish(NewsFixtures.item("n1"))).isTrue();
        assertThat(hub.newsWire.publish(NewsFixtures.item("n1"))).isFalse();
        hub.drain();

        assertThat(client.ofType("news")).hasSize(1);
    }

    @Test
    void disconnectReleasesEveryNewsSubscription() {
        Client client = hub.connect();
        hub.news.subscribe(client.connection(), "AAPL");
        hub.news.subscribeAll(client.connection(), false);

        hub.disconnect(client);
        hub.newsWire.publish(NewsFixtures.item("n1", "AAPL"));
        hub.drain();

        assertThat(hub.news.subscriptions()).isZero();
        assertThat(client.sink().frames()).isEmpty();
    }
}
