package io.tickhub.core.provider;

/**
 * A provider the hub asks for one symbol's latest price at a time (Yahoo, Alpha Vantage, Finnhub
 * REST). Thread-safe: pollers call it from many threads. Calls block (on virtual threads) and must
 * end within the adapter's own timeout.
 */
public interface PollingProvider {

    /** Registry name, as jobs and {@code ?provider=} name it ({@code yfinance}, {@code alpha_vantage}, ...). */
    String name();

    /**
     * The symbol's latest observation, with the raw response it came from.
     *
     * @param symbol normalised symbol
     * @throws ProviderException with the {@link ProviderException.Kind} the retry policy acts on
     */
    Fetched fetch(String symbol) throws ProviderException;
}
