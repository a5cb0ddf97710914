package io.tickhub.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import io.tickhub.server.security.ApiKeyStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** {@code bin/tickhub keys ...} against a running hub that requires credentials. */
@HubTest
@TestPropertySource(properties = {"tickhub.security.mode=required",
        "tickhub.security.admin-key=" + KeysCommandTest.ADMIN_KEY})
class KeysCommandTest {

    static final String ADMIN_KEY = "keys-command-test-admin-key-0123456789abc";

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyStore keys;

    record Run(int exit, String out, String err) {
    }

    Run keys(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--url=http://127.0.0.1:" + port;
        all[1] = "--admin-key=" + ADMIN_KEY;
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = KeysCommand.run(all, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void createPrintsTheSecretOnceListShowsTheKeyWithoutItAndRevokeEndsIt() {
        Run created = keys("create", "--name", "grafana", "--scopes", "read,stream");
        assertThat(created.exit()).as(created.err()).isZero();
        Matcher token = Pattern.compile("thk_([a-z2-7]{12})_\\S{43}").matcher(created.out());
        assertThat(token.find()).as(created.out()).isTrue();
        String id = token.group(1);
        assertThat(keys.active(id)).isPresent();

        Run listed = keys("list");
        assertThat(listed.exit()).isZero();
        assertThat(listed.out()).contains(id, "grafana", "read,stream").doesNotContain(token.group());

        Run revoked = keys("revoke", id);
        assertThat(revoked.exit()).isZero();
        assertThat(keys.active(id)).isEmpty();
    }

    @Test
    void theHubsRefusalIsPrintedWithExitCodeOne() {
        Run unknownScope = keys("create", "--name", "x", "--scopes", "root");
        assertThat(unknownScope.exit()).isEqualTo(1);
        assertThat(unknownScope.err()).contains("422", "root");
        Run unknownKey = keys("revoke", "nosuchkey123");
        assertThat(unknownKey.exit()).isEqualTo(1);
        assertThat(unknownKey.err()).contains("404");

        StringWriter err = new StringWriter();
        int exit = KeysCommand.run(new String[] {"--url=http://127.0.0.1:" + port, "list"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("401", "Authentication required");
    }

    @Test
    void missingArgumentsAreAUsageErrorWithExitCodeTwo() {
        assertThat(keys("create", "--name", "x").exit()).isEqualTo(2);
    }
}
