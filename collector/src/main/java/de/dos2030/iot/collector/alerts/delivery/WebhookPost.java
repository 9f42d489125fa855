package de.dos2030.iot.collector.alerts.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 POST to an address that {@link WebhookTargets} vetted, returning only the status code.
 * Why not the JDK's HttpClient: it resolves the host name itself when it connects, after our check, which
 * DNS rebinding exploits; here the socket connects to the vetted address, and TLS still verifies the
 * certificate against the URL's host name (SNI and endpoint identification). The answer's body is never
 * read: a subscriber learns the status code, nothing of what the target said.
 */
final class WebhookPost {
    private static final int MAX_STATUS_LINE = 1024;

    private WebhookPost() {}

    /**
     * Posts {@code body} to {@code target} over a connection to {@code address}; blocks for at most about
     * twice {@code timeout} (connect, then each read).
     *
     * @return the answer's HTTP status code
     * @throws IOException when the target cannot be reached or does not answer HTTP in time
     */
    static int post(URI target, InetAddress address, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException {
        boolean tls = "https".equals(target.getScheme());
        int port = target.getPort() != -1 ? target.getPort() : tls ? 443 : 80;
        String host = target.getHost();
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true); // one small request, sent whole: nothing to gain from Nagle's wait
            if (tls) {
                socket = secure(socket, host, port);
            }
            write(socket.getOutputStream(), target, host, port, tls, headers, body);
            return statusCode(socket.getInputStream());
        } finally {
            socket.close();
        }
    }

    private static Socket secure(Socket plain, String host, int port) throws IOException {
        SSLSocket s;
        try {
            s = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(plain, host, port, true);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS available", e);
        }
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.matches("[0-9.]+|\\[.*]")) {
            p.setServerNames(List.of(new SNIHostName(host)));
        }
        s.setSSLParameters(p);
        s.startHandshake();
        return s;
    }

    private static void write(
            OutputStream out, URI target, String host, int port, boolean tls, Map<String, String> headers, byte[] body)
            throws IOException {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        if (target.getRawQuery() != null) {
            path += "?" + target.getRawQuery();
        }
        boolean defaultPort = port == (tls ? 443 : 80);
        StringBuilder head = new StringBuilder()
                .append("POST ")
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                .append(defaultPort ? "" : ":" + port)
                .append("\r\nContent-Length: ")
                .append(body.length)
                .append("\r\nConnection: close\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        // Head and body in one write, so one segment: written apart, the body could wait for the
        // head's ACK (Nagle), which a receiver delaying its ACKs holds back for up to 40 ms.
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = java.util.Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
    }

    /** Reads the status line only ({@code HTTP/1.1 204 No Content}). */
    private static int statusCode(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c == -1 || line.length() > MAX_STATUS_LINE) {
                throw new IOException("no HTTP status line");
            }
            line.append((char) c);
        }
        String[] parts = line.toString().strip().split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("no HTTP status line");
        }
        return Integer.parseInt(parts[1]);
    }
}
