package de.dos2030.iot.collector.bench.peers;

import de.dos2030.iot.collector.bench.LeanMqtt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gateway of the peers benchmark, publishing its JSON batches at QoS 1 to
 * {@code dos/<site>/<gateway>/batch} with response topic and correlation data, as the edge agent does.
 *
 * <p>Towards the collector ({@code awaitsStored}) it behaves as the agent's outbox and dispatcher:
 * a batch stays in the outbox until the collector answers "stored"; at most {@code window} batches
 * await their answer at once (never more than the broker's Receive Maximum); an answer
 * {@code try_later} brings the batch back after its {@code retryAfterSeconds}, no answer within 10 s
 * brings it back at once. Batches not yet sent wait in the outbox, which is never full here.
 *
 * <p>Towards Node-RED, which answers nothing, the broker's PUBACK is all there is: a batch counts as
 * delivered when the broker confirmed it, and the gateway may forget it. Not thread-safe except
 * for the answers, which arrive on the client's reader thread.
 */
final class SimulatedGateway implements AutoCloseable {
    private static final long ANSWER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Pattern RETRY_AFTER = Pattern.compile("\"retryAfterSeconds\":(\\d+)");

    private final String id;
    private final BridgeBatches batches;
    private final boolean awaitsStored;
    private final LeanMqtt client;
    private final Semaphore window;
    /** Sequence number -> the batch and when it is due again if no "stored" arrives first. */
    private final Map<Integer, Pending> unanswered = new ConcurrentHashMap<>();

    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong triedLater = new AtomicLong();
    private final AtomicReference<String> refused = new AtomicReference<>();
    private int nextSequence;

    private record Pending(byte[] body, long dueNanos) {}

    SimulatedGateway(String id, String host, int port, BridgeBatches batches, boolean awaitsStored, int window)
            throws IOException, InterruptedException {
        this.id = id;
        this.batches = batches;
        this.awaitsStored = awaitsStored;
        this.client = new LeanMqtt(host, port, id, this::answered);
        this.window = new Semaphore(Math.min(window, client.receiveMaximum()));
        if (awaitsStored) {
            client.subscribe(ackTopic());
        }
    }

    /** The next batch from the outbox; towards the collector this waits for a free place in the window. */
    void sendNext() throws IOException, InterruptedException {
        if (awaitsStored) {
            while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                resendDue();
            }
            checkRefused();
        }
        int sequence = nextSequence++;
        byte[] body = batches.json(id, sequence);
        if (awaitsStored) {
            unanswered.put(sequence, new Pending(body, System.nanoTime() + ANSWER_TIMEOUT_NANOS));
        }
        publish(sequence, body);
        if (awaitsStored) {
            resendDue();
        }
    }

    /**
     * After the last new batch: towards the collector, until every batch sent is stored (re-sending
     * as above); towards Node-RED, until the broker confirmed every publish. False if {@code
     * deadlineNanos} came first.
     */
    boolean finish(long deadlineNanos) throws IOException, InterruptedException {
        if (!awaitsStored) {
            return client.awaitConfirmed(
                    (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadlineNanos - System.nanoTime())));
        }
        while (!unanswered.isEmpty() && System.nanoTime() < deadlineNanos) {
            Thread.sleep(50);
            resendDue();
        }
        checkRefused();
        return unanswered.isEmpty();
    }

    /** New batches taken from the outbox and sent (re-sends not counted). */
    int sent() {
        return nextSequence;
    }

    /** Batches the collector has not answered "stored" yet: still in the outbox. */
    int unanswered() {
        return unanswered.size();
    }

    long resent() {
        return resent.get();
    }

    long triedLater() {
        return triedLater.get();
    }

    private void resendDue() throws IOException, InterruptedException {
        long now = System.nanoTime();
        for (Map.Entry<Integer, Pending> e : unanswered.entrySet()) {
            Pending p = e.getValue();
            if (p.dueNanos() - now <= 0
                    && unanswered.replace(e.getKey(), p, new Pending(p.body(), now + ANSWER_TIMEOUT_NANOS))) {
                resent.incrementAndGet();
                publish(e.getKey(), p.body());
            }
        }
    }

    private void answered(byte[] correlation, byte[] payload) {
        if (correlation == null) {
            return;
        }
        int sequence = Integer.parseInt(new String(correlation, StandardCharsets.US_ASCII));
        String answer = new String(payload, StandardCharsets.UTF_8);
        if (answer.contains("\"status\":\"try_later\"")) {
            triedLater.incrementAndGet();
            Matcher m = RETRY_AFTER.matcher(answer);
            long after = TimeUnit.SECONDS.toNanos(m.find() ? Long.parseLong(m.group(1)) : 1);
            unanswered.computeIfPresent(sequence, (s, p) -> new Pending(p.body(), System.nanoTime() + after));
            return;
        }
        if (!answer.contains("\"status\":\"stored\"")) {
            refused.compareAndSet(null, id + " batch " + sequence + ": " + answer);
        }
        if (unanswered.remove(sequence) != null) {
            window.release();
        }
    }

    private void checkRefused() {
        if (refused.get() != null) {
            throw new IllegalStateException(
                    "the collector refused a batch, which the benchmark never sends: " + refused.get());
        }
    }

    private void publish(int sequence, byte[] body) throws IOException, InterruptedException {
        client.publish(
                "dos/" + BridgeBatches.SITE + "/" + id + "/batch",
                body,
                ackTopic(),
                Integer.toString(sequence).getBytes(StandardCharsets.US_ASCII),
                "application/json");
    }

    private String ackTopic() {
        return "dos/" + BridgeBatches.SITE + "/" + id + "/ack";
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
