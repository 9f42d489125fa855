package de.dos2030.iot.collector.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client on one keep-alive connection, for the ingest benchmark's simulated
 * gateways: POST a body, read the status and the Content-Length body. It exists because the JDK's
 * HttpClient cost the load generator 0.9-2.1 us of CPU per reading, on the same two cores as the
 * collector and InfluxDB it was measuring; real gateways bring their own CPUs. Not thread-safe:
 * one connection per sender.
 */
final class KeepAliveHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    KeepAliveHttp(URI base) throws IOException {
        this.socket = new Socket(base.getHost(), base.getPort());
        this.socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.host = base.getHost() + ":" + base.getPort();
    }

    /** POSTs {@code body} to {@code path}; returns the status code (the answer's body is read and dropped). */
    int post(String path, String authorization, String contentType, byte[] body) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        long length = -1;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:")) {
                throw new IOException("chunked answers are not supported here: " + header);
            }
        }
        if (length < 0) {
            throw new IOException("answer without Content-Length: " + status);
        }
        in.skipNBytes(length);
        return Integer.parseInt(status.substring(9, 12));
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the collector");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
