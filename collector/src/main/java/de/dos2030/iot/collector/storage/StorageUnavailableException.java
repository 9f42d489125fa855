package de.dos2030.iot.collector.storage;

/**
 * The points were not stored: InfluxDB is down, refused them, or the write queue is full.
 * Always transient from the gateway's point of view: it keeps the batch and re-sends it.
 */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageUnavailableException(String message) {
        super(message);
    }
}
