package de.dos2030.iot.model.codec;

import de.dos2030.iot.model.Batch;

/** WORK IN PROGRESS: being written in this session. */
public final class JsonBatchCodec implements BatchCodec {
    static final JsonBatchCodec INSTANCE = new JsonBatchCodec();

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
        return "application/json";
    }

    @Override
    public int coapContentFormat() {
        return 50;
    }
}
