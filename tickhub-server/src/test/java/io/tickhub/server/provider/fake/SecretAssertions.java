package io.tickhub.server.provider.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.core.provider.ProviderException;
import io.tickhub.core.provider.ProviderException.Kind;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Stateless, thread-safe: assertions that a failure is of the expected kind and leaks no key anywhere in its chain. */
public final class SecretAssertions {

    private SecretAssertions() {
    }

    /** Runs {@code call}, which must fail with {@code kind}; returns the exception for further checks. */
    public static ProviderException failsWith(Kind kind, ThrowingCallable call) {
        ProviderException e = Assertions.catchThrowableOfType(ProviderException.class, call);
        assertThat(e).as("expected a ProviderException of kind %s", kind).isNotNull();
        assertThat(e.kind()).as("kind of: %s", e.getMessage()).isEqualTo(kind);
        return e;
    }

    /** Neither the message, the string form nor any cause of {@code failure} contains {@code key}. */
    public static void assertNoKey(Throwable failure, String key) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(key);
            assertThat(t.toString()).doesNotContain(key);
        }
    }
}
