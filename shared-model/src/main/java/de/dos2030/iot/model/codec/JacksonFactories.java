package de.dos2030.iot.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/** Parser factories with the {@link DecodeLimits} applied, shared because factories are costly and thread-safe. */
final class JacksonFactories {
    private JacksonFactories() {}

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(DecodeLimits.MAX_NESTING_DEPTH)
            .maxStringLength(DecodeLimits.MAX_STRING_LENGTH)
            .maxNameLength(256)
            .maxNumberLength(64)
            .maxDocumentLength(DecodeLimits.MAX_PAYLOAD_BYTES)
            .build();

    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static final CBORFactory CBOR = CBORFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
}
