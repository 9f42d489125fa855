package de.dos2030.iot.edge.uplink;

import java.util.concurrent.CompletableFuture;

/**
 * One way to the collector: MQTT, CoAP or HTTP. Only what the {@link Dispatcher} calls.
 *
 * <p>{@link #send} never throws for a transport problem: every failure completes the future with
 * {@link SendOutcome.RetryLater} (no answer, timeout, connection lost) or
 * {@link SendOutcome.Rejected} (the collector refused the batch for good). Implementations are
 * thread-safe; futures complete on the adapter's own threads.
 */
public interface Uplink extends AutoCloseable {

    /** For log lines, e.g. {@code mqtt tcp://broker:1883}. */
    String name();

    /** Starts connecting (where the protocol has connections); {@code listener} hears about each change. */
    void start(LinkListener listener);

    /** Whether a send now has a chance: a connected MQTT session; always true for CoAP and HTTP. */
    boolean connected();

    /**
     * Sends one journaled batch and completes with the collector's end-to-end answer.
     *
     * @param kind     batch, alert or health: decides the MQTT topic
     * @param identity {@code gateway/boot/sequence}, the correlation the collector answers with
     * @param payload  the CBOR batch exactly as journaled
     */
    CompletableFuture<SendOutcome> send(MessageKind kind, String identity, byte[] payload);

    /** Disconnects cleanly (MQTT announces {@code offline}); pending sends complete with retry-later. */
    @Override
    void close();
}
