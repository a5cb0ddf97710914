package io.tickhub.core.ingest;

/**
 * What ingest counts. Port, so the core stays free of any metrics library: the server binds it
 * to Micrometer. Called on the sequencer thread; implementations must be cheap.
 */
public interface IngestMetrics {

    IngestMetrics NONE = new IngestMetrics() {
        @Override
        public void accepted(String provider) {
        }

        @Override
        public void rejected(String provider, RejectReason reason) {
        }
    };

    void accepted(String provider);

    void rejected(String provider, RejectReason reason);
}
