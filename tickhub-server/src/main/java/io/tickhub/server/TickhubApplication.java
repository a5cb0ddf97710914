package io.tickhub.server;

import io.tickhub.server.cli.KeysCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point: one process serving REST, WebSocket, SSE and the dashboard on embedded defaults. */
@SpringBootApplication
public class TickhubApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("keys")) {
            // bin/tickhub keys ...: a client of a running hub, not a hub.
            System.exit(KeysCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length),
                    new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true)));
        }
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
