package io.tickhub.core.analytics;

/** Hears every bar change: each update of an open bar, then the bar once more with {@code closed} true. */
@FunctionalInterface
public interface BarListener {

    void onBar(Bar bar);
}
