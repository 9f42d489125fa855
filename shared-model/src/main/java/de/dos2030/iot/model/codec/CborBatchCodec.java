package de.dos2030.iot.model.codec;

import de.dos2030.iot.model.Batch;

/** WORK IN PROGRESS: being written in this session. */
public final class CborBatchCodec implements BatchCodec {
    static final CborBatchCodec INSTANCE = new CborBatchCodec();

    @Override
    public byte[] encode(Batch batch) {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public Batch decode(byte[] bytes) throws DecodeException {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public String mediaType() {
        return "application/cbor";
    }

    @Override
    public int coapContentFormat() {
        return 60;
    }
}
