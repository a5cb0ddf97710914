package io.tickhub.server.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.web.reactive.config.CorsRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.socket.server.WebSocketService;
import io.tickhub.core.sim.SimulatedMarket;
import io.tickhub.server.http.compat.PriceSystemTickers;
import io.tickhub.server.http.openapi.OpenApiContract;
import java.util.stream.IntStream;
import io.tickhub.server.http.openapi.SerializedRecordFields;
import io.tickhub.server.stream.ChannelExposingWebSocketService;
import io.tickhub.server.stream.ClosingChannels;
import io.tickhub.server.stream.StreamAdmission;
import io.tickhub.server.security.OriginPolicy;
import tools.jackson.databind.ObjectMapper;

/**
 * HTTP concerns shared by every route: CORS for configured front-ends, the WebSocket handshake (with its
 * Origin check), the OpenAPI description.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebFluxConfigurer {

    private final TickhubProperties properties;
    private final StreamAdmission streamAdmission;
    private final ObjectMapper json;
    private final ClosingChannels closing;
    private final MeterRegistry meters;
    private final OriginPolicy origins;

    public WebConfig(TickhubProperties properties, StreamAdmission streamAdmission, ObjectMapper json,
                     ClosingChannels closing, MeterRegistry meters, OriginPolicy origins) {
        this.properties = properties;
        this.streamAdmission = streamAdmission;
        this.json = json;
        this.closing = closing;
        this.meters = meters;
        this.origins = origins;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        // The same allow-list as the WebSocket and cross-site checks, normalised as browsers send Origin.
        if (!origins.isEmpty()) {
            registry.addMapping("/**")
                    .allowedOrigins(origins.corsOrigins().toArray(String[]::new))
                    .allowedMethods("GET", "POST", "DELETE", "OPTIONS");
        }
    }

    /**
     * WebSocket upgrades on Reactor Netty with the configured message limit: a larger client
     * message closes the connection with 1009, invalid UTF-8 with 1007, RSV bits with 1002, and
     * every close the hub starts ends within the close timeout. Pings are answered by Netty; pongs
     * reach us. A handshake from a page of another origin is answered 403 ({@link OriginPolicy}); past the
     * streaming connection caps one is answered 503 or 429 ({@link StreamAdmission}).
     */
    @Override
    public WebSocketService getWebSocketService() {
        return new ChannelExposingWebSocketService(properties.stream().maxFrameBytes(), streamAdmission, json,
                closing, meters);
    }

    /**
     * The server's own event loops, not Reactor Netty's JVM-wide ones. Closing a hub then never
     * disposes loops and connection pools that other code in the JVM still uses (HTTP clients, a
     * second hub in the same JVM, every test's client), which left requests unread on pooled
     * connections. The loop count still follows {@code reactor.netty.ioWorkerCount}.
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }

    @Bean
    OpenAPI tickhubOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Tickhub")
                .description("Real-time market-data hub. Native API under /api/v1 (errors are RFC 9457 "
                        + "problem+json); drop-in routes of the five systems it replaces keep their FastAPI "
                        + "error shape `{\"detail\": ...}`.")
                .version("v1")
                .license(new License().name("Apache License 2.0").identifier("Apache-2.0")));
    }

    /** Error schemas on every error answer, {@code application/json} for successes (client generators). */
    @Bean
    OpenApiContract openApiContract() {
        return new OpenApiContract();
    }

    /** Every field of a response record is {@code required}: the hub always writes it. */
    @Bean
    SerializedRecordFields serializedRecordFields() {
        return new SerializedRecordFields();
    }

    /** System E's list is the simulator's {@code ITEM_xx} tickers, on every node that serves E's routes. */
    @Bean
    PriceSystemTickers priceSystemTickers(TickhubProperties properties) {
        TickhubProperties.Simulator simulator = properties.simulator();
        if (!simulator.enabled() || simulator.tickerCount() == 0) {
            return PriceSystemTickers.everySymbol();
        }
        return new PriceSystemTickers(IntStream.range(0, simulator.tickerCount()).mapToObj(SimulatedMarket::tickerId).toList());
    }
}
