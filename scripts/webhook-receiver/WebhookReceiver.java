/*
 * A dependency-free webhook receiver for the collector's alert subscriptions (demo, benchmarks,
 * load and chaos tests). It needs only a JDK 17: run it as a single-file program.
 *
 *   java scripts/webhook-receiver/WebhookReceiver.java --port 18090 --secret-file FILE --log FILE
 *        [--bind 127.0.0.1] [--max-age 300]
 *
 *   --port        TCP port to listen on (0 = any free port; the chosen one is printed on stdout)
 *   --secret-file the subscriptions' signing secrets ("whsec_..."), one per line. Re-read whenever
 *                 it changes, so it may be written after the receiver started (subscribe first or
 *                 later, in any order). A request is valid if any secret verifies it.
 *   --log         JSON lines file, one line per POST, appended (created if missing)
 *   --bind        address to listen on (default 127.0.0.1)
 *   --max-age     seconds: an older signature timestamp counts as a replay (default 300)
 *
 * Every POST is logged as one JSON line, then answered:
 *   {"receivedAt":"2025-...Z","receivedMs":1764...,"path":"/hook","delivery":"42","event":"raised",
 *    "signature":"valid","duplicate":false,"body":{...the collector's body, verbatim...}}
 * signature: valid | invalid | missing | stale | no-secret. Valid requests get 204; all others 401
 * (the collector then retries, which is what a real receiver would cause). duplicate is true when
 * the X-DOS-Delivery id was already received validly (the collector retries with the same id).
 * GET /stats answers {"valid":n,"invalid":n,"duplicates":n}; GET /health answers 200.
 * The signature is checked as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature:
 * "v1,<base64 HMAC-SHA256(base64-decoded secret after whsec_, "<id>.<t>." + raw body)>"); a request without
 * those headers by the deprecated X-DOS-Signature: t=<unix s>,v1=hex(HMAC-SHA256(secret, "<t>." + raw body)).
 */

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Base64;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;

public final class WebhookReceiver {
    private final Path secretFile;
    private final Writer log;
    private final long maxAgeSeconds;
    private final Set<String> seen = new HashSet<>();
    private List<String> secrets = List.of();
    private FileTime secretsReadAt;
    private long valid;
    private long invalid;
    private long duplicates;

    private WebhookReceiver(Path secretFile, Writer log, long maxAgeSeconds) {
        this.secretFile = secretFile;
        this.log = log;
        this.maxAgeSeconds = maxAgeSeconds;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = options(args);
        int port = Integer.parseInt(opts.getOrDefault("port", "18090"));
        String bind = opts.getOrDefault("bind", "127.0.0.1");
        if (!opts.containsKey("secret-file") || !opts.containsKey("log")) {
            usage("--secret-file and --log are required");
        }
        Path logFile = Path.of(opts.get("log"));
        if (logFile.getParent() != null) {
            Files.createDirectories(logFile.getParent());
        }
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        WebhookReceiver receiver = new WebhookReceiver(Path.of(opts.get("secret-file")), log,
                Long.parseLong(opts.getOrDefault("max-age", "300")));
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("webhook receiver listening on http://" + bind + ":" + server.getAddress().getPort() + "/ (log " + logFile + ")");
        System.out.flush();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            long receivedMs = System.currentTimeMillis();
            String method = ex.getRequestMethod();
            if ("GET".equals(method)) {
                String path = ex.getRequestURI().getPath();
                if (path.equals("/stats")) {
                    String stats;
                    synchronized (this) {
                        stats = "{\"valid\":" + valid + ",\"invalid\":" + invalid + ",\"duplicates\":" + duplicates + "}";
                    }
                    answer(ex, 200, stats);
                } else {
                    answer(ex, path.equals("/health") ? 200 : 404, path.equals("/health") ? "{\"status\":\"UP\"}" : "{}");
                }
                return;
            }
            if (!"POST".equals(method)) {
                answer(ex, 405, "{}");
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            String delivery = ex.getRequestHeaders().getFirst("X-DOS-Delivery");
            String event = ex.getRequestHeaders().getFirst("X-DOS-Event");
            String standard = ex.getRequestHeaders().getFirst("webhook-signature");
            String signature = standard != null
                    ? checkStandard(
                            ex.getRequestHeaders().getFirst("webhook-id"),
                            ex.getRequestHeaders().getFirst("webhook-timestamp"),
                            standard,
                            body,
                            receivedMs / 1000)
                    : check(ex.getRequestHeaders().getFirst("X-DOS-Signature"), body, receivedMs / 1000);
            boolean ok = signature.equals("valid");
            boolean duplicate;
            synchronized (this) {
                duplicate = ok && delivery != null && !seen.add(delivery);
                if (ok) {
                    valid++;
                } else {
                    invalid++;
                }
                if (duplicate) {
                    duplicates++;
                }
                String text = new String(body, StandardCharsets.UTF_8).strip();
                boolean json = text.startsWith("{") && text.endsWith("}") && !text.contains("\n");
                log.write("{\"receivedAt\":\"" + Instant.ofEpochMilli(receivedMs) + "\",\"receivedMs\":" + receivedMs
                        + ",\"path\":" + quote(ex.getRequestURI().getPath()) + ",\"delivery\":" + quote(delivery)
                        + ",\"event\":" + quote(event) + ",\"signature\":\"" + signature + "\",\"duplicate\":" + duplicate
                        + ",\"body\":" + (json ? text : quote(text)) + "}\n");
                log.flush();
            }
            answer(ex, ok ? 204 : 401, null);
        }
    }

    /** Standard Webhooks: valid, invalid, stale or no-secret. */
    private String checkStandard(String id, String timestamp, String signatures, byte[] body, long nowSeconds) {
        long t;
        try {
            t = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "invalid";
        }
        if (id == null) {
            return "invalid";
        }
        List<String> keys = secrets();
        if (keys.isEmpty()) {
            return "no-secret";
        }
        byte[] prefix = (id + "." + t + ".").getBytes(StandardCharsets.UTF_8);
        for (String key : keys) {
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(hmac(standardKey(key), prefix, body)))
                    .getBytes(StandardCharsets.US_ASCII);
            for (String given : signatures.split(" ")) {
                if (MessageDigest.isEqual(expected, given.strip().getBytes(StandardCharsets.US_ASCII))) {
                    return Math.abs(nowSeconds - t) > maxAgeSeconds ? "stale" : "valid";
                }
            }
        }
        return "invalid";
    }

    /** The key bytes of a "whsec_<base64>" secret (standard or, as issued before, URL-safe base64). */
    private static byte[] standardKey(String secret) {
        if (!secret.startsWith("whsec_")) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        String b64 = secret.substring("whsec_".length());
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return Base64.getUrlDecoder().decode(b64);
        }
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** valid, invalid, missing, stale or no-secret. */
    private String check(String header, byte[] body, long nowSeconds) {
        if (header == null) {
            return "missing";
        }
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            part = part.strip();
            if (part.startsWith("t=")) {
                try {
                    t = Long.parseLong(part.substring(2));
                } catch (NumberFormatException e) {
                    return "invalid";
                }
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t < 0 || v1 == null) {
            return "invalid";
        }
        List<String> keys = secrets();
        if (keys.isEmpty()) {
            return "no-secret";
        }
        byte[] given = v1.getBytes(StandardCharsets.US_ASCII);
        for (String key : keys) {
            if (MessageDigest.isEqual(hmacHex(key, t, body).getBytes(StandardCharsets.US_ASCII), given)) {
                return Math.abs(nowSeconds - t) > maxAgeSeconds ? "stale" : "valid";
            }
        }
        return "invalid";
    }

    private synchronized List<String> secrets() {
        try {
            if (!Files.exists(secretFile)) {
                return List.of();
            }
            FileTime modified = Files.getLastModifiedTime(secretFile);
            if (!modified.equals(secretsReadAt)) {
                List<String> keys = new ArrayList<>();
                for (String line : Files.readAllLines(secretFile, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        keys.add(line.strip());
                    }
                }
                secrets = List.copyOf(keys);
                secretsReadAt = modified;
            }
            return secrets;
        } catch (IOException e) {
            System.err.println("cannot read secret file " + secretFile + ": " + e.getMessage());
            return secrets;
        }
    }

    private static String hmacHex(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        if (json == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("unexpected argument '" + args[i] + "'");
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    private static void usage(String problem) {
        System.err.println("WebhookReceiver: " + problem + "\nusage: java WebhookReceiver.java --port 18090 --secret-file FILE --log FILE [--bind 127.0.0.1] [--max-age 300]");
        System.exit(2);
    }
}
