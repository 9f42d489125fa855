package de.dos2030.iot.collector.gateways;

import java.util.List;

/**
 * What the readers of a gateway's state (the admin API, the inventory, the liveness rules) may
 * ask of sequence tracking: read-only, and owned here so that they need not know the ingest
 * package, which implements it. Thread-safe.
 */
public interface SequenceGaps {
    /** Per boot of this gateway, most recent first; empty when nothing was stored from it. */
    List<BootSequences> of(String gatewayId);
}
