package io.tickhub.server.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tickhub.core.book.Book;
import io.tickhub.core.fanout.FanOut;
import io.tickhub.core.fanout.FanOutMetrics;
import io.tickhub.core.quote.InstrumentRegistry;
import io.tickhub.server.config.TickhubProperties;
import io.tickhub.server.metrics.MicrometerFanOutMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import tools.jackson.databind.ObjectMapper;

/** The streaming endpoints and their housekeeping. */
@Configuration(proxyBeanMethods = false)
public class StreamConfig {

    @Bean
    FanOutMetrics fanOutMetrics(MeterRegistry registry, FanOut fanOut) {
        Gauge.builder("tickhub.stream.connections", fanOut, FanOut::connections)
                .description("Open streaming connections").register(registry);
        Gauge.builder("tickhub.stream.subscriptions", fanOut, FanOut::subscriptions)
                .description("Subscriptions over all connections").register(registry);
        return new MicrometerFanOutMetrics(registry);
    }

    @Bean
    StreamConnections streamConnections(FanOut fanOut, Book book, Clock clock, TickhubProperties properties,
                                        FanOutMetrics metrics) {
        return new StreamConnections(fanOut, book, clock, properties.stream().settings(), metrics);
    }

    @Bean
    NativeStreamHandler nativeStreamHandler(StreamConnections connections, TickhubProperties properties,
                                            ObjectMapper json, ObjectProvider<BuildProperties> build) {
        var stream = properties.stream();
        BuildProperties info = build.getIfAvailable();
        return new NativeStreamHandler(connections, json, info != null ? info.getVersion() : "dev",
                stream.maxMessagesPerSecond(), stream.maxFrameBytes());
    }

    @Bean
    PriceSystemStreamHandler priceSystemStreamHandler(StreamConnections connections, Book book,
                                                      InstrumentRegistry instruments) {
        return new PriceSystemStreamHandler(connections, book, instruments);
    }

    @Bean
    HandlerMapping streamHandlerMapping(NativeStreamHandler nativeHandler, PriceSystemStreamHandler priceSystem) {
        // Ahead of the annotated controllers, so /ws paths are never taken for REST routes.
        return new SimpleUrlHandlerMapping(Map.of(
                "/ws", nativeHandler,
                "/ws/{ticker_id}", priceSystem), -1);
    }

    @Bean
    StreamLifecycle streamLifecycle(FanOut fanOut) {
        return new StreamLifecycle(fanOut, Duration.ofSeconds(5));
    }
}
