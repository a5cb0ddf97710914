package io.tickhub.core.sim;

/** How simulated prices move from one tick to the next. */
public enum PriceModel {
    /** System E's model: each tick adds a uniform change in [-range, +range]. */
    RANDOM_WALK,
    /** Geometric Brownian motion: log-normal returns with the configured drift and volatility. */
    GBM
}
