package io.tickhub.server.http;

import io.tickhub.server.HubTest;

/** The store's routes on the embedded default, H2. */
@HubTest
class H2StoreRoutesTest extends StoreRoutesContract {

    @Override
    protected String prefix() {
        return "H";
    }
}
