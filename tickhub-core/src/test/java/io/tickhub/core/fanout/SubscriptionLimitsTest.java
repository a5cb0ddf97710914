package io.tickhub.core.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.fanout.Hub.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions are counted over every channel (symbols x channels, {@code *} one per channel),
 * bounded per connection and per hub, and every one made is released, whichever way it ends.
 */
class SubscriptionLimitsTest {

    private static final List<String> EVERY_CHANNEL = List.copyOf(NativeSession.KNOWN_CHANNELS);

    private final Hub hub = new Hub(100, Hub.SMALL, new SubscriptionBudget(10));
    private final Client client = hub.connect();

    private static ClientMessage.Subscribe subscribe(List<String> symbols, List<String> channels) {
        return new ClientMessage.Subscribe(symbols, channels, true, Map.of(), null);
    }

    private List<String> handle(NativeSession session, ClientMessage message) {
        int before = client.messages().size();
        session.handle(message);
        hub.drain();
        List<String> messages = client.messages();
        return messages.subList(before, messages.size());
    }

    private static List<String> symbols(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    private static String code(List<String> messages) {
        return messages.stream().filter(m -> "error".equals(Frames.type(m))).map(m -> Frames.string(m, "code"))
                .findFirst().orElse(null);
    }

    @Test
    void newsAndBarsCountTowardTheSameLimitAsQuotes() {
        NativeSession session = hub.session(client, 5, 1000);

        List<String> reply = handle(session, subscribe(List.of("A", "B", "C"), List.of("quotes", "news")));

        assertThat(reply.getFirst()).contains("\"accepted\":[\"A\",\"B\",\"C\"]").contains(
                "\"rejected\":[{\"symbol\":\"C\",\"reason\":\"too_many_subscriptions\",\"channel\":\"news\"}]");
        assertThat(code(reply)).isEqualTo("too_many_subscriptions");
        assertThat(client.connection().subscriptionCount()).isEqualTo(5);
        assertThat(hub.news.symbolsOf(client.connection())).containsExactlyInAnyOrder("A", "B");

        List<String> bars = handle(session, subscribe(List.of("D"), List.of("bars.1m")));
        assertThat(bars.getFirst()).contains("\"accepted\":[]");
        assertThat(hub.bars.subscriptions()).isZero();
        assertThat(hub.metrics.refused("subscriptions_per_connection")).isEqualTo(2);
    }

    @Test
    void everySymbolCountsOnePerChannel() {
        NativeSession session = new NativeSession(client.connection(), hub.fanOut, hub.news, hub.bars, hub.clock,
                new SessionLimits(3, 1000, true));

        List<String> reply = handle(session, subscribe(List.of("*"), EVERY_CHANNEL));

        assertThat(client.connection().subscriptionCount()).isEqualTo(3);
        assertThat(reply.getFirst()).contains("\"reason\":\"too_many_subscriptions\",\"channel\":\"bars.1m\"");
        assertThat(code(reply)).isEqualTo("too_many_subscriptions");
    }

    @Test
    void oneConnectionCannotGrowPastTheLimitHoweverManyFreshSymbolsItSendsOnAnyChannel() {
        NativeSession session = hub.session(client, 8, 1_000_000);

        for (int message = 0; message < 200; message++) {
            String channel = EVERY_CHANNEL.get(message % EVERY_CHANNEL.size());
            session.handle(subscribe(symbols("S" + message + "X", 50), List.of(channel)));
            hub.drain(); // a client that reads every reply
        }

        assertThat(client.connection().subscriptionCount()).isEqualTo(8);
        assertThat(hub.fanOut.subscriptions() + hub.news.subscriptions() + hub.bars.subscriptions()).isEqualTo(8);
        assertThat(hub.subscriptions.total()).isEqualTo(8);
        assertThat(client.connection().isClosed()).isFalse();
    }

    @Test
    void theHubTotalIsBoundedAcrossConnectionsAndRefusedWithItsOwnCode() {
        Client other = hub.connect();
        NativeSession first = hub.session(client, 1000, 1000);
        NativeSession second = hub.session(other, 1000, 1000);

        first.handle(subscribe(symbols("A", 8), List.of("quotes")));
        second.handle(subscribe(symbols("B", 4), List.of("news")));
        hub.drain();

        assertThat(hub.subscriptions.total()).isEqualTo(10);
        List<String> reply = other.messages();
        assertThat(reply).anySatisfy(m -> assertThat(m).contains("\"accepted\":[\"B0\",\"B1\"]")
                .contains("{\"symbol\":\"B2\",\"reason\":\"hub_subscriptions_full\",\"channel\":\"news\"}"));
        assertThat(reply).anySatisfy(m -> assertThat(Frames.string(m, "code")).isEqualTo("hub_subscriptions_full"));
        assertThat(hub.metrics.refused("subscriptions_per_hub")).isEqualTo(2);
        assertThat(other.connection().isClosed()).isFalse();

        hub.disconnect(client);
        second.handle(subscribe(List.of("B2"), List.of("news")));
        hub.drain();
        assertThat(hub.news.symbolsOf(other.connection())).as("room again once others left")
                .containsExactlyInAnyOrder("B0", "B1", "B2");
    }

    @Test
    void afterAFloodOfSubscribesAndUnsubscribesEveryCountIsBackToZero() {
        Hub big = new Hub(100, Hub.SMALL, new SubscriptionBudget(1_000_000));
        Random random = new Random(16);
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Client each = big.connect();
            clients.add(each);
            NativeSession session = new NativeSession(each.connection(), big.fanOut, big.news, big.bars, big.clock,
                    new SessionLimits(40, 1_000_000, true));
            for (int message = 0; message < 300; message++) {
                List<String> picked = new ArrayList<>();
                for (int s = random.nextInt(12); s >= 0; s--) {
                    picked.add(random.nextInt(10) == 0 ? "*" : "S" + random.nextInt(30));
                }
                List<String> channels = List.of(EVERY_CHANNEL.get(random.nextInt(EVERY_CHANNEL.size())),
                        EVERY_CHANNEL.get(random.nextInt(EVERY_CHANNEL.size())));
                session.handle(random.nextBoolean() ? subscribe(picked, channels)
                        : new ClientMessage.Unsubscribe(picked, channels));
                if (message % 7 == 0) {
                    big.publish("S" + random.nextInt(30), message + 1, message + 1);
                }
            }
            assertThat(each.connection().subscriptionCount()).isBetween(0, 40);
            if (c % 2 == 0) {
                session.handle(new ClientMessage.Unsubscribe(List.copyOf(allSymbols()), EVERY_CHANNEL));
                assertThat(each.connection().subscriptionCount()).as("client %d unsubscribed everything", c).isZero();
            }
        }
        big.drain();
        clients.forEach(big::disconnect);

        assertThat(big.subscriptions.total()).isZero();
        assertThat(big.fanOut.subscriptions()).isZero();
        assertThat(big.fanOut.subscribedSymbols()).isEmpty();
        assertThat(big.news.subscriptions()).isZero();
        assertThat(big.bars.subscriptions()).isZero();
        assertThat(clients).allSatisfy(each -> assertThat(each.connection().subscriptionCount()).isZero());
        assertThat(big.interest.events().stream().filter(e -> e.startsWith("first ")).count())
                .as("every symbol that gained a subscriber lost it again")
                .isEqualTo(big.interest.events().stream().filter(e -> e.startsWith("last ")).count());
    }

    private static List<String> allSymbols() {
        List<String> all = new ArrayList<>(symbols("S", 30));
        all.add("*");
        return all;
    }
}
