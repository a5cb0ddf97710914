package io.tickhub.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: one process serving REST, WebSocket, SSE and the dashboard on embedded defaults. */
@SpringBootApplication
public class TickhubApplication {
    public static void main(String[] args) {
        SpringApplication.run(TickhubApplication.class, args);
    }
}
