package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A symbol the streaming provider's cap keeps out: the client that asked is told with
 * {@code upstream_limit} and stays subscribed to what other providers publish; others are unaffected.
 */
class UpstreamLimitTest {

    private final Hub hub = new Hub();

    private List<String> handle(Client client, NativeSession session, ClientMessage message) {
        int before = client.sink().frames().size();
        session.handle(message);
        hub.drain();
        List<String> frames = client.sink().frames();
        return Frames.messages(frames.subList(before, frames.size()));
    }

    private static ClientMessage.Subscribe subscribe(String... symbols) {
        return new ClientMessage.Subscribe(List.of(symbols), List.of(), false, Map.of(), null);
    }

    @Test
    void aClientSubscribingPastTheCapIsToldWhichSymbolsAreNotStreamedAndKeepsTheRest() {
        hub.interest.refuse("XOM", "CVX");
        Client client = hub.connect();
        NativeSession session = hub.session(client, 50, 1000);

        List<String> frames = handle(client, session, subscribe("AAPL", "xom", "CVX"));

        assertThat(frames).containsExactly("{\"type\":\"subscription\",\"status\":\"subscribed\","
                        + "\"symbols\":[\"AAPL\",\"xom\",\"CVX\"],\"accepted\":[\"AAPL\",\"XOM\",\"CVX\"],"
                        + "\"rejected\":[],\"channels\":[\"quotes\"]}",
                "{\"type\":\"error\",\"code\":\"upstream_limit\",\"message\":\"Not streamed from the upstream provider, "
                        + "whose cap on streamed symbols is reached: XOM, CVX. Still subscribed to what other providers "
                        + "publish; streamed when a slot frees\",\"symbols\":[\"XOM\",\"CVX\"]}");
        assertThat(hub.metrics.refused("upstream_symbols")).isEqualTo(2);
    }

    @Test
    void aRefusedSymbolStillDeliversWhatOtherProvidersPublish() {
        hub.interest.refuse("XOM");
        Client client = hub.connect();
        handle(client, hub.session(client, 50, 1000), subscribe("XOM"));

        hub.publish("XOM", 1, 2); // a polling job or the simulator feeds it
        hub.drain();

        assertThat(client.seqsOf("XOM")).containsExactly(1L, 2L);
        assertThat(hub.fanOut.subscriberCount("XOM")).isEqualTo(1);
    }

    @Test
    void everyClientThatAsksForARefusedSymbolIsToldAndOthersAreNot() {
        hub.interest.refuse("XOM");
        Client first = hub.connect();
        Client second = hub.connect();
        Client bystander = hub.connect();

        handle(first, hub.session(first, 50, 1000), subscribe("XOM"));
        List<String> toSecond = handle(second, hub.session(second, 50, 1000), subscribe("XOM")); // not the first subscriber
        List<String> toBystander = handle(bystander, hub.session(bystander, 50, 1000), subscribe("AAPL"));

        assertThat(toSecond).extracting(Frames::type).containsExactly("subscription", "error");
        assertThat(toSecond.get(1)).contains("\"code\":\"upstream_limit\"").contains("\"symbols\":[\"XOM\"]");
        assertThat(toBystander).extracting(Frames::type).containsExactly("subscription");
        assertThat(hub.metrics.refused("upstream_symbols")).isEqualTo(2);
    }

    @Test
    void aSubscribeWithinTheCapGetsNoErrorFrame() {
        Client client = hub.connect();

        List<String> frames = handle(client, hub.session(client, 50, 1000), subscribe("AAPL", "MSFT"));

        assertThat(frames).extracting(Frames::type).containsExactly("subscription");
        assertThat(hub.metrics.refused("upstream_symbols")).isZero();
    }

    @Test
    void aWatchlistWithARefusedSymbolIsKeptAndTheClientTold() {
        hub.interest.refuse("XOM");
        Client client = hub.connect();
        TickerHubSession session = new TickerHubSession(client.connection(), hub.fanOut, 50);
        session.start();
        hub.drain();
        int before = client.sink().frames().size();

        session.watchlist(List.of("AAPL", "XOM"));
        hub.drain();

        List<String> frames = Frames.messages(client.sink().frames().subList(before, client.sink().frames().size()));
        assertThat(frames).filteredOn(m -> "error".equals(Frames.type(m))).singleElement().asString()
                .contains("\"code\":\"upstream_limit\"").contains("\"symbols\":[\"XOM\"]");
        assertThat(session.watchlist()).containsExactlyInAnyOrder("AAPL", "XOM");
        assertThat(hub.metrics.refused("upstream_symbols")).isEqualTo(1);
    }
}
