package de.dos2030.iot.collector.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client on one keep-alive connection, for the benchmarks: POST or GET, read
 * the status, the headers and a Content-Length or chunked body. It exists because the JDK's
 * HttpClient cost the ingest benchmark's load generator 0.9-2.1 us of CPU per reading, on the
 * same two cores as the collector and InfluxDB it was measuring (real gateways bring their own
 * CPUs), and added 1-3 ms to each query the query benchmark timed, more for larger answers.
 * Not thread-safe: one connection per sender.
 */
final class KeepAliveHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    /** An answer: status, headers (names in lower case) and body. */
    record Answer(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    KeepAliveHttp(URI base) throws IOException {
        this.socket = new Socket(base.getHost(), base.getPort());
        this.socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.host = base.getHost() + ":" + base.getPort();
    }

    /** POSTs {@code body} to {@code path}; returns the status code (the answer's body is read and dropped). */
    int post(String path, String authorization, String contentType, byte[] body) throws IOException {
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return answer().status;
    }

    /** POSTs the first {@code length} bytes of {@code body} with extra headers ("Name: value" each); returns the answer. */
    Answer post(String path, byte[] body, int length, String... headers) throws IOException {
        return send("POST", path, body, length, headers);
    }

    /** PATCHes {@code body} to {@code path} with extra headers ("Name: value" each); returns the answer. */
    Answer patch(String path, byte[] body, String... headers) throws IOException {
        return send("PATCH", path, body, body.length, headers);
    }

    private Answer send(String method, String path, byte[] body, int length, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\nContent-Length: ")
                .append(length)
                .append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, 0, length);
        out.flush();
        return answer();
    }

    /** GETs {@code pathAndQuery} (already URL-encoded) with extra headers ("Name: value" each). */
    Answer get(String pathAndQuery, String... headers) throws IOException {
        StringBuilder head = new StringBuilder("GET ")
                .append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host)
                .append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return answer();
    }

    private Answer answer() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        Map<String, String> headers = new HashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        byte[] body;
        int code = Integer.parseInt(status.substring(9, 12));
        if (code == 204 || code == 304) {
            body = new byte[0]; // no body by definition (InfluxDB's write answer)
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                chunks.write(in.readNBytes(size));
                line(); // the CRLF after each chunk
            }
            while (!line().isEmpty()) {
                // trailers: none expected, skipped
            }
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            throw new IOException("answer without Content-Length or chunks: " + status);
        }
        return new Answer(code, headers, body);
    }

    private int chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Integer.parseInt(extension < 0 ? line : line.substring(0, extension), 16);
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
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
