package de.dos2030.iot.edge.enrol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trades a claim code for the gateway's credentials at the collector ({@code POST /api/v1/enroll}). Over
 * HTTPS, trusting the system's CA store and, if given, the certificates of a PEM file (a private CA);
 * plain HTTP only to a loopback address (tests on one machine) or when explicitly allowed.
 *
 * <p>Every failure is an {@link EnrolmentFailed} whose message says what happened and what to do.
 */
final class ClaimExchange {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonFactory JSON = new JsonFactory();

    private ClaimExchange() {}

    /** What the collector answered: the gateway's identity and secret, and the endpoints it knows. */
    record Answer(
            String gatewayId,
            String siteId,
            String siteKind,
            String location,
            String token,
            String mqttUsername,
            boolean reEnrolled,
            Map<String, String> endpoints) {
        @Override
        public String toString() {
            return "Answer[gateway " + gatewayId + ", site " + siteId + ", token ***]";
        }
    }

    /** A failed enrolment: the message is for the technician. */
    static final class EnrolmentFailed extends Exception {
        EnrolmentFailed(String message) {
            super(message);
        }
    }

    /**
     * Refuses a URL the code must not travel over: anything but https, except http to a loopback host or
     * with {@code insecureHttp}.
     */
    static URI endpoint(String collector, boolean insecureHttp) throws EnrolmentFailed {
        URI base;
        try {
            base = URI.create(collector.endsWith("/") ? collector : collector + "/");
        } catch (IllegalArgumentException e) {
            throw new EnrolmentFailed(
                    "--collector '" + collector + "' is not a URL (e.g. https://collector.example:18443)");
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme();
        if (base.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new EnrolmentFailed("--collector '" + collector
                    + "' must be an https:// URL with a host (e.g. https://collector.example:18443)");
        }
        if (scheme.equals("http") && !insecureHttp && !isLoopback(base.getHost())) {
            throw new EnrolmentFailed("refusing to send the claim code over plain http to " + base.getHost()
                    + ": use https://, or --insecure-http if this network is trusted");
        }
        return base.resolve("api/v1/enroll");
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /** Posts the code (and the ids the configuration gives, when known) and reads the answer. */
    static Answer exchange(URI enroll, String code, String gatewayId, String siteId, Path caFile)
            throws EnrolmentFailed {
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (caFile != null) {
            client.sslContext(trusting(caFile));
        }
        HttpRequest request = HttpRequest.newBuilder(enroll)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(code, gatewayId, siteId)))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.build().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new EnrolmentFailed("cannot reach the collector at " + enroll.resolve("/") + " (" + e
                    + "): check the URL, the network and that the collector is running; nothing was written");
        } catch (SSLException e) {
            throw new EnrolmentFailed("TLS with the collector at " + enroll.resolve("/") + " failed (" + e.getMessage()
                    + "): is its certificate signed by a CA this Pi trusts? Pass the CA with --ca-file");
        } catch (IOException e) {
            throw new EnrolmentFailed("cannot reach the collector at " + enroll.resolve("/") + " (" + e
                    + "): check the URL and the network; nothing was written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrolmentFailed("interrupted while waiting for the collector; nothing was written");
        }
        if (response.statusCode() != 200) {
            throw new EnrolmentFailed("the collector refused the claim code (HTTP " + response.statusCode() + "): "
                    + errorOf(response.body()) + "; nothing was written");
        }
        return answer(response.body());
    }

    private static byte[] body(String code, String gatewayId, String siteId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("code", code);
            if (gatewayId != null) {
                g.writeStringField("gatewayId", gatewayId);
            }
            if (siteId != null) {
                g.writeStringField("siteId", siteId);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** The {@code error} of the collector's error answer, or the start of whatever it sent. */
    static String errorOf(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("error")) {
                        return p.getValueAsString();
                    }
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: show the text
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(no message)" : text.substring(0, Math.min(200, text.length()));
    }

    static Answer answer(byte[] body) throws EnrolmentFailed {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> endpoints = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("collector") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        endpoints.put(key, p.getValueAsString());
                    }
                } else if (t.isScalarValue()) {
                    fields.put(name, t == JsonToken.VALUE_NULL ? null : p.getValueAsString());
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new EnrolmentFailed("the collector's answer is not the enrolment JSON (" + e.getMessage()
                    + "): is --collector the collector's URL? Nothing was written");
        }
        for (String required : new String[] {"gatewayId", "siteId", "token"}) {
            if (fields.get(required) == null || fields.get(required).isBlank()) {
                throw new EnrolmentFailed("the collector's answer has no " + required + "; nothing was written");
            }
        }
        return new Answer(
                fields.get("gatewayId"),
                fields.get("siteId"),
                fields.getOrDefault("siteKind", "?"),
                fields.get("location"),
                fields.get("token"),
                fields.getOrDefault("mqttUsername", fields.get("gatewayId")),
                Boolean.parseBoolean(fields.get("reEnrolled")),
                endpoints);
    }

    /** TLS trusting the JDK's (system) CA store plus every certificate of the PEM file. */
    static SSLContext trusting(Path caFile) throws EnrolmentFailed {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            int n = 0;
            for (var tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        store.setCertificateEntry("system-" + n++, c);
                    }
                }
            }
            int own = 0;
            try (InputStream in = Files.newInputStream(caFile)) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-file-" + own++, c);
                }
            }
            if (own == 0) {
                throw new EnrolmentFailed("--ca-file " + caFile + " holds no PEM certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (IOException e) {
            throw new EnrolmentFailed("cannot read --ca-file " + caFile + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new EnrolmentFailed("--ca-file " + caFile + " is not a PEM certificate file: " + e.getMessage());
        }
    }
}
