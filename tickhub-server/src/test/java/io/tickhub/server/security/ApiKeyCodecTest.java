package io.tickhub.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyCodecTest {

    final ApiKeyCodec codec = new ApiKeyCodec(new SecureRandom());

    @Test
    void anIssuedKeyParsesBackToItsIdAndMatchesOnlyItsOwnHash() {
        ApiKeyCodec.Issued issued = codec.issue();
        assertThat(issued.token()).matches("thk_[a-z2-7]{12}_[A-Za-z0-9_-]{43}");
        ApiKeyCodec.Parsed parsed = ApiKeyCodec.parse(issued.token()).orElseThrow();
        assertThat(parsed.id()).isEqualTo(issued.id());
        assertThat(ApiKeyCodec.matches(parsed.secret(), issued.secretHash())).isTrue();
        assertThat(ApiKeyCodec.matches(parsed.secret() + "x", issued.secretHash())).isFalse();
        assertThat(issued.secretHash()).doesNotContain(parsed.secret()).hasSize(64);
    }

    @Test
    void keysAreUnique() {
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ApiKeyCodec.Issued issued = codec.issue();
            ids.add(issued.id());
            tokens.add(issued.token());
        }
        assertThat(ids).hasSize(10_000);
        assertThat(tokens).hasSize(10_000);
    }

    @Test
    void malformedKeysDoNotParse() {
        String good = codec.issue().token();
        for (String bad : new String[] {null, "", "thk_", good + "x", good.substring(1), good.replace('_', '-'),
                "thk_abc_def"}) {
            assertThat(ApiKeyCodec.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
