package de.dos2030.iot.edge.uplink.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A TCP relay on loopback that delivers what the broker sends {@code delayMillis} late, in order:
 * a gateway on a slow mobile link, where the broker's acknowledgements take a while to arrive.
 * One connection at a time; test use only.
 */
final class SlowLinkProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final long delayMillis;

    SlowLinkProxy(int targetPort, long delayMillis) throws IOException {
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delayMillis = delayMillis;
        daemon(this::accept);
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                daemon(() -> pump(client.getInputStream(), broker.getOutputStream(), 0));
                daemon(() -> pump(broker.getInputStream(), client.getOutputStream(), delayMillis));
            }
        } catch (IOException closed) {
            // the proxy was closed
        }
    }

    private record Chunk(byte[] bytes, long dueMillis) {}

    /** Follows the last chunk when one side closes: the other side is closed too, just as late. */
    private static final byte[] END = new byte[0];

    /** Reads as bytes arrive; a second thread writes each chunk once it is due. */
    private static void pump(InputStream in, OutputStream out, long delayMillis) throws IOException {
        BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        daemon(() -> {
            try {
                while (true) {
                    Chunk c = chunks.take();
                    Thread.sleep(Math.max(0, c.dueMillis - System.currentTimeMillis()));
                    if (c.bytes == END) {
                        out.close();
                        return;
                    }
                    out.write(c.bytes);
                    out.flush();
                }
            } catch (InterruptedException | IOException e) {
                // the connection is gone
            }
        });
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                chunks.add(new Chunk(Arrays.copyOf(buffer, n), System.currentTimeMillis() + delayMillis));
            }
        } finally {
            chunks.add(new Chunk(END, System.currentTimeMillis() + delayMillis));
        }
    }

    private interface Task {
        void run() throws Exception;
    }

    private static void daemon(Task task) {
        Thread t = new Thread(
                () -> {
                    try {
                        task.run();
                    } catch (Exception e) {
                        // a relay thread ends with its connection
                    }
                },
                "slow-link");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
