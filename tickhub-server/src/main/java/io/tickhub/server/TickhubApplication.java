package io.tickhub.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: one process serving REST, WebSocket, SSE and the dashboard on embedded defaults. */
@SpringBootApplication
public class TickhubApplication {
    public static void main(String[] args) {
        useOneEventLoopPerCore();
        SpringApplication.run(TickhubApplication.class, args);
    }

    /**
     * Reactor Netty starts at least 4 event loops; on a 2-core host (or a process pinned to fewer
     * cores) the extra loops only add wake-ups and context switches to the fan-out. Unless set
     * explicitly ({@code -Dreactor.netty.ioWorkerCount=N}), use one loop per available core.
     */
    static void useOneEventLoopPerCore() {
        if (System.getProperty("reactor.netty.ioWorkerCount") == null) {
            System.setProperty("reactor.netty.ioWorkerCount",
                    String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors())));
        }
    }
}
