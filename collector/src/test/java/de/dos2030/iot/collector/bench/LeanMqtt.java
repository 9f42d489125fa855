package de.dos2030.iot.collector.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The least of an MQTT v5 client the benchmarks' simulated gateways need (ingest, peers): connect with a
 * clean start, subscribe to one topic, publish at QoS 1 with a response topic, correlation data
 * and content type, and hand each message that arrives (correlation data, payload) to a callback.
 * It exists for the reason {@link KeepAliveHttp} does: Paho cost the load generator 0.3-0.9 us of
 * CPU per reading (three threads and a copy per message for each of 50 clients) on the same two
 * cores as the collector and InfluxDB it was measuring; real gateways bring their own CPUs. It
 * declares no topic aliases and no keep-alive, and reads on one thread per connection.
 *
 * <p>Flow control as a real gateway does it (the agent's {@code MqttUplink} through {@code MqttLink}):
 * never more unacknowledged QoS 1 publishes than the broker's Receive Maximum from its CONNACK
 * (65,535 when it does not say; Mosquitto says 20). A publish past it waits for a PUBACK.
 */
public final class LeanMqtt implements AutoCloseable {
    private static final int CONNECT = 1;
    private static final int CONNACK = 2;
    private static final int PUBLISH = 3;
    private static final int PUBACK = 4;
    private static final int SUBSCRIBE = 8;
    private static final int SUBACK = 9;
    private static final int DISCONNECT = 14;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final BiConsumer<byte[], byte[]> onMessage;
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final Thread reader;
    private final int receiveMaximum;
    /** Free slots of the broker's Receive Maximum: taken by a QoS 1 publish, given back by its PUBACK. */
    private final Semaphore unacknowledged;

    private final AtomicLong confirmed = new AtomicLong();
    private int nextPacketId = 1;
    private volatile String failure;

    /** Connects (clean start) as {@code clientId}; {@code onMessage} gets (correlation data or null, payload). */
    public LeanMqtt(String host, int port, String clientId, BiConsumer<byte[], byte[]> onMessage) throws IOException {
        this.socket = new Socket(host, port);
        this.socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.onMessage = onMessage;
        Packet connect = new Packet();
        connect.string("MQTT").bytes(new byte[] {5, 0x02, 0, 0}); // version 5, clean start, keep-alive off
        connect.varint(0).string(clientId); // no properties
        send(CONNECT << 4, connect);
        int header = in.readUnsignedByte();
        byte[] connack = new byte[readVarint()];
        in.readFully(connack);
        if (header >> 4 != CONNACK || connack.length < 2 || connack[1] != 0) {
            throw new IOException("broker at " + host + ":" + port + " refused " + clientId + ": reason "
                    + (connack.length > 1 ? connack[1] & 0xff : -1));
        }
        this.receiveMaximum = receiveMaximum(connack);
        this.unacknowledged = new Semaphore(receiveMaximum);
        this.reader = new Thread(this::readLoop, "lean-mqtt-" + clientId);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Subscribes to {@code filter} at QoS 1 and waits for the broker's grant. */
    public void subscribe(String filter) throws IOException, InterruptedException {
        Packet p = new Packet();
        p.u16(packetId()).varint(0).string(filter).bytes(new byte[] {1});
        send(SUBSCRIBE << 4 | 0x02, p);
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IOException("no SUBACK for " + filter + (failure == null ? "" : ": " + failure));
        }
    }

    /** The broker's Receive Maximum from its CONNACK. */
    public int receiveMaximum() {
        return receiveMaximum;
    }

    /**
     * Publishes at QoS 1 once fewer than the broker's Receive Maximum publishes await their PUBACK
     * (waits for one otherwise); the PUBACK frees the slot and is otherwise dropped.
     */
    public void publish(String topic, byte[] payload, String responseTopic, byte[] correlation, String contentType)
            throws IOException, InterruptedException {
        // Outside the lock: the reader thread needs it to answer the broker's publishes while we wait.
        while (!unacknowledged.tryAcquire(1, TimeUnit.SECONDS)) {
            if (failure != null) {
                throw new IOException(failure);
            }
        }
        if (failure != null) {
            unacknowledged.release();
            throw new IOException(failure);
        }
        Packet props = new Packet();
        props.bytes(new byte[] {0x03}).string(contentType);
        props.bytes(new byte[] {0x08}).string(responseTopic);
        props.bytes(new byte[] {0x09}).u16(correlation.length).bytes(correlation);
        Packet head = new Packet();
        head.string(topic).u16(packetId()).varint(props.size());
        props.writeTo(head);
        synchronized (
                this) { // the payload goes to the socket as it is: copying 140 KB batches costs the cores measured
            out.write(PUBLISH << 4 | 0x02);
            new Packet().varint(head.size() + payload.length).writeTo(out);
            head.writeTo(out);
            out.write(payload);
            out.flush();
        }
    }

    /** Waits until the broker has confirmed every publish, at most {@code seconds}. */
    public boolean awaitConfirmed(int seconds) throws InterruptedException {
        if (!unacknowledged.tryAcquire(receiveMaximum, seconds, TimeUnit.SECONDS)) {
            return false;
        }
        unacknowledged.release(receiveMaximum);
        return true;
    }

    /** Publishes the broker has confirmed (PUBACK) so far. */
    public long confirmed() {
        return confirmed.get();
    }

    private synchronized int packetId() {
        int id = nextPacketId;
        nextPacketId = nextPacketId == 0xffff ? 1 : nextPacketId + 1;
        return id;
    }

    private synchronized void send(int header, Packet body) throws IOException {
        out.write(header);
        Packet length = new Packet().varint(body.size());
        length.writeTo(out);
        body.writeTo(out);
        out.flush();
    }

    private void readLoop() {
        try {
            while (true) {
                int header = in.readUnsignedByte();
                byte[] body = new byte[readVarint()];
                in.readFully(body);
                switch (header >> 4) {
                    case PUBLISH -> received(header, body);
                    case SUBACK -> subscribed.countDown();
                    case PUBACK -> pubAck(body); // the broker has it; the collector's answer is what counts
                    case DISCONNECT ->
                        throw new IOException("broker disconnected: reason " + (body.length > 0 ? body[0] & 0xff : 0));
                    default -> throw new IOException("unexpected packet type " + (header >> 4));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!socket.isClosed()) {
                failure = e.toString(); // the next publish reports it
            }
        }
    }

    private void pubAck(byte[] body) throws IOException {
        if (body.length > 2 && (body[2] & 0xff) >= 0x80) {
            throw new IOException("broker refused a publish: PUBACK reason " + (body[2] & 0xff));
        }
        confirmed.incrementAndGet();
        unacknowledged.release();
    }

    private void received(int header, byte[] body) throws IOException {
        int at = 2 + u16(body, 0); // topic
        int qos = header >> 1 & 3;
        int packetId = 0;
        if (qos > 0) {
            packetId = u16(body, at);
            at += 2;
        }
        int[] cursor = {at};
        int propsLength = varint(body, cursor);
        int end = cursor[0] + propsLength;
        byte[] correlation = null;
        int i = cursor[0];
        while (i < end) {
            int id = body[i++] & 0xff;
            switch (id) {
                case 0x01 -> i += 1; // payload format
                case 0x02 -> i += 4; // message expiry
                case 0x23 -> i += 2; // topic alias
                case 0x03, 0x08 -> i += 2 + u16(body, i); // content type, response topic
                case 0x09 -> { // correlation data
                    int n = u16(body, i);
                    correlation = Arrays.copyOfRange(body, i + 2, i + 2 + n);
                    i += 2 + n;
                }
                case 0x26 -> { // user property: two strings
                    i += 2 + u16(body, i);
                    i += 2 + u16(body, i);
                }
                case 0x0B -> { // subscription identifier
                    int[] c = {i};
                    varint(body, c);
                    i = c[0];
                }
                default -> throw new IOException("unexpected PUBLISH property " + id);
            }
        }
        onMessage.accept(correlation, Arrays.copyOfRange(body, end, body.length));
        if (qos == 1) {
            send(PUBACK << 4, new Packet().u16(packetId));
        }
    }

    /** Receive Maximum (property 0x21) of a CONNACK body; 65,535 when absent, as MQTT v5 says. */
    static int receiveMaximum(byte[] connack) throws IOException {
        int[] cursor = {2}; // after the acknowledge flags and the reason code
        if (connack.length <= 2) {
            return 65_535;
        }
        int end = varint(connack, cursor) + cursor[0];
        int i = cursor[0];
        while (i < end) {
            int id = connack[i++] & 0xff;
            switch (id) {
                case 0x21 -> {
                    return u16(connack, i);
                }
                case 0x24, 0x25, 0x28, 0x29, 0x2A -> i += 1; // max QoS, retain, wildcard, sub ids, shared subs
                case 0x13, 0x22 -> i += 2; // server keep alive, topic alias maximum
                case 0x11, 0x27 -> i += 4; // session expiry, maximum packet size
                case 0x12, 0x15, 0x16, 0x1A, 0x1C, 0x1F -> i += 2 + u16(connack, i); // strings and binary data
                case 0x26 -> { // user property: two strings
                    i += 2 + u16(connack, i);
                    i += 2 + u16(connack, i);
                }
                default -> throw new IOException("unexpected CONNACK property " + id);
            }
        }
        return 65_535;
    }

    private int readVarint() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }

    private static int varint(byte[] b, int[] at) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int x = b[at[0]++] & 0xff;
            value |= (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed variable byte integer");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    @Override
    public void close() throws IOException {
        try {
            send(DISCONNECT << 4, new Packet());
        } catch (IOException e) {
            // closing anyway
        }
        socket.close();
    }

    /** A packet body under construction. */
    private static final class Packet extends ByteArrayOutputStream {
        Packet u16(int v) {
            write(v >> 8 & 0xff);
            write(v & 0xff);
            return this;
        }

        Packet string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u16(b.length).bytes(b);
        }

        Packet bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Packet varint(int v) {
            do {
                int b = v & 0x7f;
                v >>>= 7;
                write(v > 0 ? b | 0x80 : b);
            } while (v > 0);
            return this;
        }
    }
}
