package io.tickhub.server.http;

import io.tickhub.core.quote.Timestamps;
import io.tickhub.core.quote.Instrument;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.core.quote.Quote;
import io.tickhub.core.quote.RawQuote;
import io.tickhub.server.HubTest;
import io.tickhub.server.QuoteFeeder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Native quote routes: {@code /api/v1/quotes}, {@code /api/v1/quotes/{symbol}}, {@code /api/v1/symbols}. */
@HubTest
class QuotesRoutesTest {

    @Autowired
    WebTestClient http;
    @Autowired
    QuoteFeeder feed;
    @Autowired
    InstrumentRegistry instruments;

    @Test
    void quoteCarriesSeqMicrosecondTsAndEveryField() {
        feed.price("NQ1", 50);
        Quote q = feed.submit(new RawQuote("nq1", 51.25, 51.2, 51.3, 700, QuoteFeeder.PROVIDER,
                feed.clock().instant()));

        http.get().uri("/api/v1/quotes/nq1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.symbol").isEqualTo("NQ1")
                .jsonPath("$.seq").isEqualTo(2)
                .jsonPath("$.ts").isEqualTo(q.hubTimeMicros())
                .jsonPath("$.price").isEqualTo(51.25)
                .jsonPath("$.bid").isEqualTo(51.2)
                .jsonPath("$.ask").isEqualTo(51.3)
                .jsonPath("$.volume").isEqualTo(700.0)
                .jsonPath("$.change").isEqualTo(1.25)
                .jsonPath("$.changePercent").isEqualTo(2.5)
                .jsonPath("$.provider").isEqualTo("test")
                .jsonPath("$.hubTime").isEqualTo(Timestamps.iso(q.hubTime()));
    }

    @Test
    void seqIncreasesByOnePerAcceptedUpdate() {
        feed.prices("NQSEQ", 1, 2, 3);
        http.get().uri("/api/v1/quotes/NQSEQ").exchange()
                .expectBody().jsonPath("$.seq").isEqualTo(3);
    }

    @Test
    void unknownSymbolIs404ProblemJson() {
        http.get().uri("/api/v1/quotes/NQNONE").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.detail").isEqualTo("No quote for NQNONE")
                .jsonPath("$.instance").isEqualTo("/api/v1/quotes/NQNONE");
    }

    @Test
    void invalidSymbolIs422ProblemJsonNamingTheParameter() {
        http.get().uri("/api/v1/quotes/{s}", "no/good").exchange()
                .expectStatus().isEqualTo(422)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(422)
                .jsonPath("$.errors[0].loc[0]").isEqualTo("path")
                .jsonPath("$.errors[0].loc[1]").isEqualTo("symbol")
                .jsonPath("$.errors[0].type").isEqualTo("invalid_symbol");
    }

    @Test
    void listFiltersBySymbolsAndReportsMissingOnes() {
        feed.price("NQA", 1);
        feed.price("NQB", 2);
        http.get().uri("/api/v1/quotes?symbols=nqa, NQB,NQMISSING,").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.quotes.length()").isEqualTo(2)
                .jsonPath("$.quotes[0].symbol").isEqualTo("NQA")
                .jsonPath("$.quotes[1].symbol").isEqualTo("NQB")
                .jsonPath("$.missing[0]").isEqualTo("NQMISSING")
                .jsonPath("$.missing.length()").isEqualTo(1);
    }

    @Test
    void listWithoutFilterHasEverySymbol() {
        feed.price("NQALL", 1);
        http.get().uri("/api/v1/quotes").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.quotes[?(@.symbol=='NQALL')].price").isEqualTo(1.0)
                .jsonPath("$.missing.length()").isEqualTo(0);
    }

    @Test
    void invalidSymbolInListIs422() {
        http.get().uri("/api/v1/quotes?symbols=AAPL,{bad}", "bad sym").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].loc[1]").isEqualTo("symbols")
                .jsonPath("$.errors[0].input").isEqualTo("bad sym");
    }

    @Test
    void symbolsListsDescribedSymbolsEvenWithoutQuotes() {
        instruments.register(new Instrument("NQDESC", "Described Only", "EUR", "XETRA"));
        feed.prices("NQQUOTED", 9.5);
        http.get().uri("/api/v1/symbols").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.symbols[?(@.symbol=='NQDESC')].name").isEqualTo("Described Only")
                .jsonPath("$.symbols[?(@.symbol=='NQDESC')].currency").isEqualTo("EUR")
                .jsonPath("$.symbols[?(@.symbol=='NQDESC')].lastSeq").isEqualTo(0)
                .jsonPath("$.symbols[?(@.symbol=='NQQUOTED')].lastSeq").isEqualTo(1)
                .jsonPath("$.symbols[?(@.symbol=='NQQUOTED')].lastPrice").isEqualTo(9.5);
    }

    @Test
    void moreThanAThousandSymbolsInOneQueryIs422() {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i <= 1000; i++) {
            csv.append("S").append(i).append(',');
        }
        http.get().uri("/api/v1/quotes?symbols={csv}", csv).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].type").isEqualTo("too_long")
                .jsonPath("$.errors[0].input").isEqualTo(1001);
    }

    @Test
    void nulInASymbolIs422NotAMatchForTheRest() {
        feed.price("NQNUL", 1);
        http.get().uri("/api/v1/quotes/{s}", "NQNUL\u0000").exchange()
                .expectStatus().isEqualTo(422);
    }
}
