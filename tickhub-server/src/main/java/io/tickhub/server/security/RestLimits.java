package io.tickhub.server.security;

import io.tickhub.core.access.AccessLimits;
import io.tickhub.core.access.Grant;
import io.tickhub.server.http.limits.LimitRefusals;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.springframework.http.HttpMethod;

/**
 * Who pays for a REST request, and with what (docs/security.md, Limits).
 *
 * <ul>
 *   <li>A request without a credential is charged to its remote address ({@code address.requests-per-second}).</li>
 *   <li>A request with a credential is charged, before the credential is checked, to a second bucket
 *       of its address of the same size: the address's refused credentials. When the credential proves
 *       valid (and has the route's scope), that token is given back and the credential's subject is
 *       charged instead ({@code requestsPerSecond} of the key or token). So a client trying key after
 *       key gets at most the address's rate of verdicts, and the hub verifies no more than that, while
 *       clients with valid keys behind one address (a NAT, a proxy) share nothing, neither with each
 *       other nor with that address's clients without a credential.</li>
 *   <li>The calls that spend a provider's request budget (an on-demand poll, a job creation) also
 *       take one poll from the subject's (or, without a credential, the address's) poll budget.</li>
 * </ul>
 *
 * IPv6 addresses are counted by their /64 network: one host usually holds a whole /64.
 */
public final class RestLimits {

    /** {@code tickhub_limits_refused_total{limit=...}} of each refusal. */
    public static final String REQUESTS_PER_KEY = "requests_per_key";
    public static final String REQUESTS_PER_ADDRESS = "requests_per_address";
    public static final String REFUSED_CREDENTIALS_PER_ADDRESS = "refused_credentials_per_address";
    public static final String POLLS_PER_KEY = "polls_per_key";
    public static final String POLLS_PER_ADDRESS = "polls_per_address";

    /** Buckets kept per kind (requests, polls): about 0.5 KB each, so at most about 25 MB per kind. */
    public static final long MAX_CLIENTS = 50_000;

    private static final String POLL = "/poll/";

    private final ClientBuckets requests;
    private final ClientBuckets polls;
    private final Quota addressRequests;
    private final Quota addressPolls;
    private final LimitRefusals refusals;

    public RestLimits(AccessLimits addressLimits, ClientBuckets requests, ClientBuckets polls,
                      LimitRefusals refusals) {
        this.requests = requests;
        this.polls = polls;
        this.addressRequests = Quota.requestsPerSecond(addressLimits.requestsPerSecond());
        this.addressPolls = Quota.pollsPerMinute(addressLimits.pollsPerMinute());
        this.refusals = refusals;
        for (String limit : new String[] {REQUESTS_PER_KEY, REQUESTS_PER_ADDRESS,
                REFUSED_CREDENTIALS_PER_ADDRESS, POLLS_PER_KEY, POLLS_PER_ADDRESS}) {
            refusals.declare(limit);
        }
    }

    /**
     * The request's first charge, to its address, before its credential is looked at: to the
     * address's requests without one, or to its refused credentials when it presents one.
     */
    public ClientBuckets.Charge chargeAddress(InetSocketAddress remote, boolean presentsCredential) {
        return presentsCredential
                ? counted(requests.charge(credentialsKey(remote), addressRequests), REFUSED_CREDENTIALS_PER_ADDRESS)
                : counted(requests.charge(addressKey(remote), addressRequests), REQUESTS_PER_ADDRESS);
    }

    /**
     * The charge of a request {@link AccessFilter} granted: a credential's subject takes over the
     * token its address's refused credentials lent; without a credential the address's charge stands
     * and this is null.
     */
    public ClientBuckets.Charge chargeGranted(Grant grant, InetSocketAddress remote) {
        if (!grant.credentialed()) {
            return null;
        }
        requests.refund(credentialsKey(remote), addressRequests);
        return counted(requests.charge(grant.subject(), Quota.requestsPerSecond(grant.limits().requestsPerSecond())),
                REQUESTS_PER_KEY);
    }

    /** One poll from the subject's budget (the address's without a credential). */
    public ClientBuckets.Charge chargePoll(Grant grant, InetSocketAddress remote) {
        return grant.credentialed()
                ? counted(polls.charge(grant.subject(), Quota.pollsPerMinute(grant.limits().pollsPerMinute())),
                        POLLS_PER_KEY)
                : counted(polls.charge(addressKey(remote), addressPolls), POLLS_PER_ADDRESS);
    }

    /** Gives back a poll taken by {@link #chargePoll} for a request that reached no provider (it was invalid). */
    public void refundPoll(Grant grant, InetSocketAddress remote) {
        if (grant.credentialed()) {
            polls.refund(grant.subject(), Quota.pollsPerMinute(grant.limits().pollsPerMinute()));
        } else {
            polls.refund(addressKey(remote), addressPolls);
        }
    }

    /**
     * Whether the call spends a provider's request budget: {@code POST /poll/{symbol}} (system C),
     * {@code POST /prices/poll} (B and C) and {@code POST /api/v1/jobs}.
     */
    public static boolean spendsPolls(HttpMethod method, String path) {
        if (!HttpMethod.POST.equals(method)) {
            return false;
        }
        return path.equals("/prices/poll") || path.equals("/api/v1/jobs")
                || (path.startsWith(POLL) && path.length() > POLL.length() && path.indexOf('/', POLL.length()) < 0);
    }

    /** The bucket an address is charged to: the IPv4 address, or the /64 network of an IPv6 one. */
    static String addressKey(InetSocketAddress remote) {
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null) {
            return "address:-";
        }
        if (address instanceof Inet6Address) {
            byte[] network = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(network, 8, 16, (byte) 0);
            try {
                return "address:" + InetAddress.getByAddress(network).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return "address:" + address.getHostAddress();
    }

    private static String credentialsKey(InetSocketAddress remote) {
        return "credentials-" + addressKey(remote);
    }

    private ClientBuckets.Charge counted(ClientBuckets.Charge charge, String limit) {
        if (!charge.taken()) {
            refusals.count(limit);
        }
        return charge;
    }
}
