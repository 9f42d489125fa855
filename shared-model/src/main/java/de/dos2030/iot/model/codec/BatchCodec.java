package de.dos2030.iot.model.codec;

import de.dos2030.iot.model.Batch;

/**
 * Turns batches into bytes and back. Implementations are thread-safe and keep no state between
 * calls.
 */
public interface BatchCodec {

    /** Encodes a batch. Never fails for a batch the {@code Validator} accepts. */
    byte[] encode(Batch batch);

    /**
     * Decodes untrusted bytes. Refuses payloads over {@link DecodeLimits#MAX_PAYLOAD_BYTES} before
     * parsing them, never allocates for a length the payload merely claims, and never hangs.
     * Returns a batch that still has to pass the {@code Validator}.
     *
     * @throws DecodeException with the path and reason when the bytes are not a batch
     */
    Batch decode(byte[] bytes) throws DecodeException;

    /** MIME type, e.g. {@code application/json}. */
    String mediaType();

    /** CoAP content-format number (RFC 7252 registry): 50 for JSON, 60 for CBOR. */
    int coapContentFormat();

    static BatchCodec json() {
        return JsonBatchCodec.INSTANCE;
    }

    static BatchCodec cbor() {
        return CborBatchCodec.INSTANCE;
    }

    /** The codec for a media type (parameters such as charset ignored), or {@code null}. */
    static BatchCodec forMediaType(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        String base = mediaType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (base.equals(json().mediaType())) {
            return json();
        }
        return base.equals(cbor().mediaType()) ? cbor() : null;
    }
}
