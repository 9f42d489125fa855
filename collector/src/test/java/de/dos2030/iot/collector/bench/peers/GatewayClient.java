package de.dos2030.iot.collector.bench.peers;

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
 * The MQTT v5 a simulated gateway of the peers benchmark needs, and no more: connect with a clean
 * start, subscribe to its ack topic, publish at QoS 1 (with response topic, correlation data and
 * content type, as the edge agent does) and hand each arriving message to a callback. Unlike a
 * fire-and-forget client it honours the broker's Receive Maximum from the CONNACK (Mosquitto's
 * {@code max_inflight_messages}): a publish blocks while that many await their PUBACK, so the
 * broker never has a reason to disconnect us, and {@link #published()} counts only what the broker
 * confirmed. Written here rather than with Paho because Paho's threads and copies would take the
 * generator's CPU from the two contenders on the same cores. One reader thread per connection.
 */
final class GatewayClient implements AutoCloseable {
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
    private final int receiveMaximum;
    private final Semaphore unconfirmed;
    private final AtomicLong published = new AtomicLong();
    private int nextPacketId = 1;
    private volatile String failure;

    /** Connects as {@code clientId}; {@code onMessage} gets (correlation data or null, payload) on the reader thread. */
    GatewayClient(String host, int port, String clientId, BiConsumer<byte[], byte[]> onMessage) throws IOException {
        this.socket = new Socket(host, port);
        this.socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.onMessage = onMessage;
        Body connect = new Body();
        connect.string("MQTT").bytes(new byte[] {5, 0x02, 0, 0}); // v5, clean start, no keep-alive
        connect.varint(0).string(clientId);
        send(CONNECT << 4, connect);
        int header = in.readUnsignedByte();
        byte[] connack = new byte[readVarint()];
        in.readFully(connack);
        if (header >> 4 != CONNACK || connack.length < 2 || connack[1] != 0) {
            throw new IOException("broker at " + host + ":" + port + " refused " + clientId + ": reason "
                    + (connack.length > 1 ? connack[1] & 0xff : -1));
        }
        this.receiveMaximum = receiveMaximum(connack);
        this.unconfirmed = new Semaphore(receiveMaximum);
        Thread reader = new Thread(this::readLoop, "peers-mqtt-" + clientId);
        reader.setDaemon(true);
        reader.start();
    }

    /** How many QoS 1 publishes the broker lets this connection have unconfirmed (65535 when it sets no limit). */
    int receiveMaximum() {
        return receiveMaximum;
    }

    /** Subscribes to {@code filter} at QoS 1 and waits for the grant. */
    void subscribe(String filter) throws IOException, InterruptedException {
        Body p = new Body();
        p.u16(packetId()).varint(0).string(filter).bytes(new byte[] {1});
        send(SUBSCRIBE << 4 | 0x02, p);
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IOException("no SUBACK for " + filter + (failure == null ? "" : ": " + failure));
        }
    }

    /** Publishes at QoS 1, waiting first while Receive Maximum publishes are unconfirmed. */
    void publish(String topic, byte[] payload, String responseTopic, byte[] correlation, String contentType)
            throws IOException, InterruptedException {
        while (!unconfirmed.tryAcquire(1, TimeUnit.SECONDS)) {
            checkAlive();
        }
        checkAlive();
        Body props = new Body();
        props.bytes(new byte[] {0x03}).string(contentType);
        props.bytes(new byte[] {0x08}).string(responseTopic);
        props.bytes(new byte[] {0x09}).u16(correlation.length).bytes(correlation);
        Body head = new Body();
        head.string(topic).u16(packetId()).varint(props.size());
        props.writeTo(head);
        synchronized (this) { // the payload goes to the socket as it is: copies of 140 KB cost the contenders' cores
            out.write(PUBLISH << 4 | 0x02);
            new Body().varint(head.size() + payload.length).writeTo(out);
            head.writeTo(out);
            out.write(payload);
            out.flush();
        }
    }

    /** Waits until the broker has confirmed every publish, at most {@code seconds}. */
    boolean awaitConfirmed(int seconds) throws InterruptedException {
        if (!unconfirmed.tryAcquire(receiveMaximum, seconds, TimeUnit.SECONDS)) {
            return false;
        }
        unconfirmed.release(receiveMaximum);
        return true;
    }

    /** Publishes the broker has confirmed (PUBACK) so far. */
    long published() {
        return published.get();
    }

    private void checkAlive() throws IOException {
        if (failure != null) {
            throw new IOException(failure);
        }
    }

    private synchronized int packetId() {
        int id = nextPacketId;
        nextPacketId = nextPacketId == 0xffff ? 1 : nextPacketId + 1;
        return id;
    }

    private synchronized void send(int header, Body body) throws IOException {
        out.write(header);
        new Body().varint(body.size()).writeTo(out);
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
                    case PUBACK -> confirmed(body);
                    case DISCONNECT ->
                        throw new IOException(
                                "broker disconnected us: reason " + (body.length > 0 ? body[0] & 0xff : 0));
                    default -> throw new IOException("unexpected packet type " + (header >> 4));
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!socket.isClosed()) {
                failure = e.toString();
            }
        }
    }

    private void confirmed(byte[] body) throws IOException {
        if (body.length > 2 && (body[2] & 0xff) >= 0x80) {
            throw new IOException("broker refused a publish: PUBACK reason " + (body[2] & 0xff));
        }
        published.incrementAndGet();
        unconfirmed.release();
    }

    private void received(int header, byte[] body) throws IOException {
        int at = 2 + u16(body, 0);
        int qos = header >> 1 & 3;
        int packetId = 0;
        if (qos > 0) {
            packetId = u16(body, at);
            at += 2;
        }
        int[] cursor = {at};
        int end = varint(body, cursor) + cursor[0];
        byte[] correlation = null;
        int i = cursor[0];
        while (i < end) {
            int id = body[i++] & 0xff;
            switch (id) {
                case 0x01 -> i += 1; // payload format
                case 0x02 -> i += 4; // message expiry
                case 0x23 -> i += 2; // topic alias
                case 0x03, 0x08 -> i += 2 + u16(body, i); // content type, response topic
                case 0x09 -> {
                    int n = u16(body, i);
                    correlation = Arrays.copyOfRange(body, i + 2, i + 2 + n);
                    i += 2 + n;
                }
                case 0x26 -> { // user property: two strings
                    i += 2 + u16(body, i);
                    i += 2 + u16(body, i);
                }
                case 0x0B -> {
                    int[] c = {i};
                    varint(body, c);
                    i = c[0];
                }
                default -> throw new IOException("unexpected PUBLISH property " + id);
            }
        }
        onMessage.accept(correlation, Arrays.copyOfRange(body, end, body.length));
        if (qos == 1) {
            send(PUBACK << 4, new Body().u16(packetId));
        }
    }

    /** The CONNACK's Receive Maximum property (0x21), 65535 when absent. */
    private static int receiveMaximum(byte[] connack) throws IOException {
        int[] cursor = {2};
        int end = varint(connack, cursor) + cursor[0];
        int i = cursor[0];
        while (i < end) {
            int id = connack[i++] & 0xff;
            switch (id) {
                case 0x21 -> {
                    return u16(connack, i);
                }
                case 0x11, 0x27 -> i += 4; // session expiry, maximum packet size
                case 0x24, 0x25, 0x28, 0x29, 0x2A -> i += 1; // maximum QoS, retain, wildcard, ids, shared
                case 0x13, 0x22 -> i += 2; // server keep-alive, topic alias maximum
                case 0x12, 0x15, 0x1A, 0x1C, 0x1F -> i += 2 + u16(connack, i); // strings
                case 0x16 -> i += 2 + u16(connack, i); // authentication data
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
            send(DISCONNECT << 4, new Body());
        } catch (IOException e) {
            // the socket is closed below either way
        }
        socket.close();
    }

    /** A packet body under construction. */
    private static final class Body extends ByteArrayOutputStream {
        Body u16(int v) {
            write(v >> 8 & 0xff);
            write(v & 0xff);
            return this;
        }

        Body string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u16(b.length).bytes(b);
        }

        Body bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Body varint(int v) {
            do {
                int b = v & 0x7f;
                v >>>= 7;
                write(v > 0 ? b | 0x80 : b);
            } while (v > 0);
            return this;
        }
    }
}
