package io.tickhub.client;

/**
 * Supplies the credential (an API key {@code thk_...} or a JWT). Asked before every connection
 * attempt and whenever the hub says the token is {@code expiring}, on a worker thread (never the
 * client's loop), so it may block to fetch a fresh JWT. Returning null connects without one.
 */
@FunctionalInterface
public interface Credentials {

    String token() throws Exception;
}
