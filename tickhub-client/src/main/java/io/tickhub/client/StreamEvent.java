package io.tickhub.client;

/**
 * What the client hands to the application, in order, through {@link TickhubClient#poll}. A
 * sealed type, so a {@code switch} over it is checked for every case.
 */
public sealed interface StreamEvent permits Quote, Bar, News, HubError, Lost, Stale {
}
