package io.tickhub.server.security;

import io.netty.handler.codec.http.HttpMethod;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * An HTTP client whose connections leave from a loopback address of the test's choice (Linux
 * routes all of 127.0.0.0/8 to the loopback interface), so one test can be several clients by
 * address; the JDK's HttpClient cannot bind its local address. Keep-alive connections, a pool of
 * its own: {@link #close()} it.
 */
final class LoopbackHttp implements AutoCloseable {

    /** One answer: status, the headers this test reads, body. */
    record Answer(int status, io.netty.handler.codec.http.HttpHeaders headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final ConnectionProvider pool;
    private final HttpClient client;

    LoopbackHttp(String fromAddress, int port) {
        this(fromAddress, port, 16);
    }

    LoopbackHttp(String fromAddress, int port, int connections) {
        this.pool = ConnectionProvider.builder("loopback-" + fromAddress).maxConnections(connections)
                .pendingAcquireMaxCount(-1).build();
        this.client = HttpClient.create(pool)
                .bindAddress(() -> new InetSocketAddress(fromAddress, 0))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20));
    }

    Mono<Answer> send(HttpMethod method, String path, Map<String, String> headers) {
        return client.headers(h -> headers.forEach(h::set))
                .request(method).uri(path)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(), response.responseHeaders(), text)));
    }

    Answer get(String path, Map<String, String> headers) {
        return send(HttpMethod.GET, path, headers).block(Duration.ofSeconds(30));
    }

    Answer get(String path) {
        return get(path, Map.of());
    }

    Answer post(String path, Map<String, String> headers) {
        return send(HttpMethod.POST, path, headers).block(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
    }
}
