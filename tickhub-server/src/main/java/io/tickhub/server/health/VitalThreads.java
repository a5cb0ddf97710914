package io.tickhub.server.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The threads a node is useless without: the consumers that feed its book (the Kafka or Redis bus)
 * or its store (the Kafka worker). They end only when closed. One that ends any other way, on an
 * exception or on an {@link Error} such as {@link OutOfMemoryError}, leaves a node that answers
 * every request from a book that no longer moves. This handler makes that visible: it logs the
 * cause, lists the thread in {@code /health} ({@code stopped_threads}, status {@code degraded}) and
 * marks the node broken and refusing traffic, so an orchestrator's liveness probe restarts it and
 * its readiness probe takes it out of the load balancer. (Deployments also run the JVM with
 * {@code -XX:+ExitOnOutOfMemoryError}, which ends the process before this is needed.)
 */
public final class VitalThreads implements Thread.UncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(VitalThreads.class);

    private final ApplicationEventPublisher events;
    private final Map<String, String> stopped = new ConcurrentSkipListMap<>();

    public VitalThreads(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable cause) {
        stopped.put(thread.getName(), cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        log.error("Thread {} stopped; this node is no longer fed and reports itself broken", thread.getName(), cause);
        AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
        AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
    }

    /** Vital threads that stopped, by name, with the cause; empty on a healthy node. */
    public Map<String, String> stopped() {
        return new TreeMap<>(stopped);
    }
}
