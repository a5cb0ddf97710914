package io.tickhub.server.http.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.tickhub.server.HubTest;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The three requests issue 16 found answered 500, each now a 4xx with JSON or a normal answer. */
@HubTest
class ClientInputNever500Test {

    @LocalServerPort
    int port;

    @Test
    void aTimeBeyondYearOneIs422() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.get("/api/v1/bars/AAPL?from=-999999999-01-01T00:00:00Z",
                "Connection: close"), 10_000);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"datetime_range\"").contains("\"from\"");
    }

    @Test
    void prometheusWithAnEmptyAcceptAnswersTheTextFormat() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.get("/actuator/prometheus", "Accept:",
                "Connection: close"), 10_000);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("tickhub_limits_refused_total");
    }

    @Test
    void anEncodedSlashInAnActuatorPathIs404() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.get("/actuator/health/a%2Fb", "Connection: close"), 10_000);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void anUnknownHealthGroupIs404WithJson() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(port, RawHttp.get("/actuator/health/nope", "Connection: close"), 10_000);
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"detail\":\"Not Found\"}");
    }
}
