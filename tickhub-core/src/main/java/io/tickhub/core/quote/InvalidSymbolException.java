package io.tickhub.core.quote;

/** A symbol a client or provider sent that cannot be a symbol; the message says why. */
public final class InvalidSymbolException extends IllegalArgumentException {

    private final String input;

    public InvalidSymbolException(String input, String message) {
        super(message);
        this.input = input;
    }

    /** The symbol as it was given, possibly {@code null}. */
    public String input() {
        return input;
    }
}
