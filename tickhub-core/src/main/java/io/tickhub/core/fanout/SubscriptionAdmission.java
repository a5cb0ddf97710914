package io.tickhub.core.fanout;

import java.util.function.IntSupplier;

/**
 * The limits on subscriptions for one subscribe message: each new (channel, symbol) is admitted
 * while the connection holds fewer than {@code maxSubscriptions} over every channel and the hub
 * has room; the rest are refused, counted, and reported in one {@code error} frame per limit.
 */
final class SubscriptionAdmission {

    static final String PER_CONNECTION = "too_many_subscriptions";
    static final String PER_HUB = "hub_subscriptions_full";
    static final String PER_SUBJECT = AccessMessages.KEY_SUBSCRIPTIONS;

    private final Connection connection;
    private final int maxSubscriptions;
    /** Subscriptions held but not yet registered with the connection (resumes waiting for the store). */
    private final IntSupplier waiting;
    /** Admitted but not made yet (bars are made once per channel). */
    private int pending;
    private int refusedForConnection;
    private int refusedForSubject;
    private int subjectMax;
    private int refusedForHub;

    SubscriptionAdmission(Connection connection, int maxSubscriptions, IntSupplier waiting) {
        this.connection = connection;
        this.maxSubscriptions = maxSubscriptions;
        this.waiting = waiting;
    }

    /** @return null when one more subscription is admitted, else the refusal's code */
    String admit() {
        if (connection.subscriptionCount() + waiting.getAsInt() + pending >= maxSubscriptions) {
            refusedForConnection++;
            return PER_CONNECTION;
        }
        ConnectionGrant access = connection.access();
        SubjectAccount account = access == null ? null : access.account();
        if (account != null) {
            subjectMax = access.limits().subscriptions();
            // Over every connection of the key (or address); checked, not reserved, like the hub's total.
            if (account.subscriptions() + waiting.getAsInt() + pending >= subjectMax) {
                refusedForSubject++;
                return PER_SUBJECT;
            }
        }
        SubscriptionBudget hub = connection.budget();
        if (hub.total() + waiting.getAsInt() + pending >= hub.max()) {
            refusedForHub++;
            return PER_HUB;
        }
        return null;
    }

    /** One admitted subscription will be made later, with others of its channel. */
    void holdForLater() {
        pending++;
    }

    /** The subscriptions held for later have been made. */
    void made() {
        pending = 0;
    }

    /** Counts the refusals and tells the client, one {@code error} frame per limit reached. */
    void report() {
        if (refusedForConnection > 0) {
            connection.metrics().refused("subscriptions_per_connection", refusedForConnection);
            connection.send(NativeMessages.error(PER_CONNECTION, "At most " + maxSubscriptions
                    + " subscriptions per connection (symbols x channels; '*' counts one per channel): "
                    + refusedForConnection + " refused, see 'rejected'. Unsubscribe some first."));
        }
        if (refusedForSubject > 0) {
            connection.metrics().refused("subscriptions_per_key", refusedForSubject);
            connection.send(NativeMessages.error(PER_SUBJECT, "At most " + subjectMax + " subscriptions for "
                    + "this key (or, without one, this address) over all its connections: " + refusedForSubject
                    + " refused, see 'rejected'. Unsubscribe some first."));
        }
        if (refusedForHub > 0) {
            connection.metrics().refused("subscriptions_per_hub", refusedForHub);
            connection.send(NativeMessages.error(PER_HUB, "The hub holds as many subscriptions as it takes ("
                    + connection.budget().max() + "): " + refusedForHub + " refused, see 'rejected'. Try again "
                    + "later or another hub."));
        }
    }
}
