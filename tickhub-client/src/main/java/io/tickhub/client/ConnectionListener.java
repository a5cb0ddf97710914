package io.tickhub.client;

/**
 * Told of every state change, on the client's loop thread: return quickly, never block.
 */
@FunctionalInterface
public interface ConnectionListener {

    void onStateChange(StateChange change);
}
