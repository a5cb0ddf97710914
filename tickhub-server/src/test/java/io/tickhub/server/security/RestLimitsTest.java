package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Grant;
import io.tickhub.core.access.Scope;
import io.tickhub.core.testing.ManualClock;
import io.tickhub.server.http.limits.LimitRefusals;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Who pays for a request, at a manual clock: buckets, refunds, poll budgets, and the bounded maps. */
class RestLimitsTest {

    private static final AccessLimits ADDRESS = new AccessLimits(10, 100, 5, 3, 10);
    private static final AccessLimits KEY = new AccessLimits(10, 100, 2, 2, 10);

    private final ManualClock clock = new ManualClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RestLimits limits = new RestLimits(ADDRESS,
            new ClientBuckets(clock, 1_000, Quota.requestsPerSecond(1).toFill()),
            new ClientBuckets(clock, 1_000, Quota.pollsPerMinute(1).toFill()), new LimitRefusals(meters));

    private static InetSocketAddress at(String address) {
        return new InetSocketAddress(address, 40_000);
    }

    private static Grant key(String id) {
        return new Grant("key:" + id, Grant.Kind.KEY, Scope.ALL, null, KEY);
    }

    private double refused(String limit) {
        return meters.counter(LimitRefusals.METER, "limit", limit).count();
    }

    @Test
    void anAddressGetsTwiceItsRateAsABurstThenWaitsForTheNextToken() {
        for (int i = 0; i < 10; i++) {
            assertThat(limits.chargeAddress(at("10.0.0.1"), false).taken()).as("request %d", i).isTrue();
        }
        ClientBuckets.Charge refused = limits.chargeAddress(at("10.0.0.1"), false);
        assertThat(refused.taken()).isFalse();
        assertThat(refused.remaining()).isZero();
        assertThat(refused.secondsToRetry()).isEqualTo(1);
        assertThat(refused.secondsToFull()).isEqualTo(2);
        assertThat(refused("requests_per_address")).isEqualTo(1);
        // Another address is not touched.
        assertThat(limits.chargeAddress(at("10.0.0.2"), false).taken()).isTrue();

        clock.advance(Duration.ofMillis(200));
        assertThat(limits.chargeAddress(at("10.0.0.1"), false).taken()).as("one token gained in 1/5 s").isTrue();
        assertThat(limits.chargeAddress(at("10.0.0.1"), false).taken()).isFalse();
    }

    @Test
    void aValidCredentialGivesItsAddressTheTokenBackAndPaysItself() {
        InetSocketAddress shared = at("10.0.1.1");
        for (int i = 0; i < 4; i++) {
            assertThat(limits.chargeAddress(shared, true).taken()).isTrue();
            assertThat(limits.chargeGranted(key("a"), shared).taken()).isTrue();
        }
        assertThat(limits.chargeAddress(shared, true).taken()).isTrue();
        ClientBuckets.Charge fifth = limits.chargeGranted(key("a"), shared);
        assertThat(fifth.taken()).as("the key's burst is 4").isFalse();
        assertThat(refused("requests_per_key")).isEqualTo(1);
        // The address paid nothing for the key: its whole burst of 10 is still there, for refused
        // credentials and for requests without one.
        for (int i = 0; i < 10; i++) {
            assertThat(limits.chargeAddress(shared, true).taken()).as("refused credential %d", i).isTrue();
            assertThat(limits.chargeAddress(shared, false).taken()).as("request %d", i).isTrue();
        }
        assertThat(limits.chargeAddress(shared, true).taken()).isFalse();
        assertThat(refused("refused_credentials_per_address")).isEqualTo(1);
        assertThat(limits.chargeAddress(shared, false).taken()).isFalse();
        assertThat(refused("requests_per_address")).isEqualTo(1);
        // Another key behind the same address has its own bucket (once the address lends it a token).
        clock.advance(Duration.ofMillis(200));
        assertThat(limits.chargeAddress(shared, true).taken()).isTrue();
        assertThat(limits.chargeGranted(key("b"), shared).taken()).isTrue();
    }

    @Test
    void requestsWithoutACredentialDoNotStandInTheWayOfKeysFromTheirAddress() {
        InetSocketAddress shared = at("10.0.1.2");
        while (limits.chargeAddress(shared, false).taken()) {
            // spend the address's requests without a credential
        }
        for (int i = 0; i < 4; i++) {
            assertThat(limits.chargeAddress(shared, true).taken()).isTrue();
            assertThat(limits.chargeGranted(key("c"), shared).taken()).isTrue();
        }
    }

    @Test
    void requestsWithoutACredentialKeepTheirChargeOnTheAddress() {
        InetSocketAddress address = at("10.0.2.1");
        Grant local = new Grant("local", Grant.Kind.LOCAL, Scope.ALL, null, ADDRESS);
        assertThat(limits.chargeAddress(address, false).remaining()).isEqualTo(9);
        assertThat(limits.chargeGranted(local, address)).isNull();
        assertThat(limits.chargeAddress(address, false).remaining()).isEqualTo(8);
    }

    @Test
    void aRefundNeverFillsABucketPastItsCapacity() {
        InetSocketAddress address = at("10.0.3.1");
        limits.chargeAddress(address, true);
        for (int i = 0; i < 5; i++) {
            limits.chargeGranted(key("refund"), address);
        }
        assertThat(limits.chargeAddress(address, true).remaining()).isEqualTo(9);
    }

    @Test
    void pollsArePaidPerKeyAndWithoutACredentialPerAddress() {
        Grant anonymous = new Grant("anonymous", Grant.Kind.ANONYMOUS, Scope.ALL, null, ADDRESS);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.chargePoll(anonymous, at("10.0.4.1")).taken()).isTrue();
        }
        ClientBuckets.Charge refused = limits.chargePoll(anonymous, at("10.0.4.1"));
        assertThat(refused.taken()).isFalse();
        assertThat(refused.secondsToRetry()).isEqualTo(20);
        assertThat(refused("polls_per_address")).isEqualTo(1);
        assertThat(limits.chargePoll(anonymous, at("10.0.4.2")).taken()).isTrue();

        assertThat(limits.chargePoll(key("p"), at("10.0.4.1")).taken()).isTrue();
        assertThat(limits.chargePoll(key("p"), at("10.0.4.3")).taken()).as("the same key elsewhere").isTrue();
        assertThat(limits.chargePoll(key("p"), at("10.0.4.4")).taken()).isFalse();
        assertThat(refused("polls_per_key")).isEqualTo(1);
        limits.refundPoll(key("p"), at("10.0.4.4"));
        assertThat(limits.chargePoll(key("p"), at("10.0.4.4")).taken()).as("an invalid poll is given back").isTrue();

        clock.advance(Duration.ofSeconds(30));
        assertThat(limits.chargePoll(key("p"), at("10.0.4.1")).taken()).as("2 a minute: one back in 30 s").isTrue();
    }

    @Test
    void anIpv6HostIsCountedByItsSlash64() {
        for (int i = 0; i < 10; i++) {
            assertThat(limits.chargeAddress(at("2001:db8:1:2::" + Integer.toHexString(i + 1)), false).taken()).isTrue();
        }
        assertThat(limits.chargeAddress(at("2001:db8:1:2:ffff:ffff:ffff:ffff"), false).taken()).isFalse();
        assertThat(limits.chargeAddress(at("2001:db8:1:3::1"), false).taken()).isTrue();
        assertThat(RestLimits.addressKey(at("2001:db8:1:2::7"))).isEqualTo("address:2001:db8:1:2:0:0:0:0/64");
        assertThat(RestLimits.addressKey(null)).isEqualTo("address:-");
    }

    @Test
    void aFloodOfDistinctAddressesHoldsAtMostTheBoundOfBuckets() {
        ClientBuckets buckets = new ClientBuckets(clock, 1_000, Quota.requestsPerSecond(1).toFill());
        Quota quota = Quota.requestsPerSecond(5);
        for (int i = 0; i < 50_000; i++) {
            buckets.charge("address:10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255), quota);
        }
        assertThat(buckets.size()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void aBucketIsForgottenOnceItWouldBeFullAgain() {
        ClientBuckets buckets = new ClientBuckets(clock, 1_000, Quota.requestsPerSecond(1).toFill());
        Quota quota = Quota.requestsPerSecond(5);
        for (int i = 0; i < 100; i++) {
            buckets.charge("address:10.9.0." + i, quota);
        }
        assertThat(buckets.size()).isEqualTo(100);
        clock.advance(Duration.ofMillis(1_999));
        assertThat(buckets.size()).isEqualTo(100);
        clock.advance(Duration.ofMillis(2));
        assertThat(buckets.size()).isZero();
    }

    @Test
    void onlyTheCallsThatSpendAProviderBudgetArePolls() {
        assertThat(RestLimits.spendsPolls(HttpMethod.POST, "/poll/AAPL")).isTrue();
        assertThat(RestLimits.spendsPolls(HttpMethod.POST, "/prices/poll")).isTrue();
        assertThat(RestLimits.spendsPolls(HttpMethod.POST, "/api/v1/jobs")).isTrue();
        assertThat(RestLimits.spendsPolls(HttpMethod.DELETE, "/api/v1/jobs/poll_1234abcd")).isFalse();
        assertThat(RestLimits.spendsPolls(HttpMethod.GET, "/poll/AAPL")).isFalse();
        assertThat(RestLimits.spendsPolls(HttpMethod.POST, "/poll/")).isFalse();
        assertThat(RestLimits.spendsPolls(HttpMethod.POST, "/api/v1/keys")).isFalse();
    }

    @Test
    void theQuotaDescribesItsWindow() {
        assertThat(Quota.requestsPerSecond(100).capacity()).isEqualTo(200);
        assertThat(Quota.requestsPerSecond(100).windowSeconds()).isEqualTo(2);
        assertThat(Quota.pollsPerMinute(30).windowSeconds()).isEqualTo(60);
        assertThat(Quota.requestsPerSecond(Integer.MAX_VALUE).toFill()).isEqualTo(Duration.ofSeconds(2));
    }
}
