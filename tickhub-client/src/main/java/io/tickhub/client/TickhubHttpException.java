package io.tickhub.client;

/** A REST call answered with a status other than 200; {@code body} is the hub's JSON (problem+json). */
public final class TickhubHttpException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int status;
    private final String body;

    public TickhubHttpException(String path, int status, String body) {
        super(path + " answered HTTP " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
