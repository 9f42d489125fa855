package de.dos2030.iot.collector.captures;

import de.dos2030.iot.collector.ingest.IngestService;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/**
 * Keeps the raw captures ingest received, on ingest's thread before it answers: a store error
 * propagates, and ingest tells the gateway to try later.
 */
@Singleton
public class CaptureRecorder {
    private final CaptureStore store;

    public CaptureRecorder(CaptureStore store) {
        this.store = store;
    }

    @EventListener
    public void onCaptures(IngestService.CapturesReceived received) {
        store.store(received.gatewayId(), received.siteId(), received.captures(), received.receivedAt());
    }
}
