package de.dos2030.iot.collector.ingest;

/** Why a batch was refused for good; each door has one code per kind (HTTP 4xx, CoAP 4.xx). */
public enum RejectKind {
    /** Not a batch, or its envelope is invalid. */
    BAD_REQUEST,
    /** No valid credentials. */
    UNAUTHORIZED,
    /** Valid credentials, but the batch claims another gateway or site. */
    FORBIDDEN,
    /** Payload over the door's size limit. */
    TOO_LARGE,
    /** Neither JSON nor CBOR. */
    UNSUPPORTED_FORMAT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
