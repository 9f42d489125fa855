package de.dos2030.iot.collector.bench;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet page with a large fleet (scripts/bench-web.sh): registers {@code gateways} gateways
 * through the admin API, lets each send one batch with readings, an alert and its health through the
 * HTTP door (so every row has a state, versions, a backlog and an open alert), signs in through the
 * sign-in form, then asks for {@code /flotte} over one keep-alive connection and times the full
 * HTML answer. Prints p50/p95/p99/max and the page's size. Target: p95 <= 100 ms with 500 gateways.
 */
public final class WebBench {
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private WebBench() {}

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String admin = args[1];
        int gateways = Integer.parseInt(args[2]);
        int iterations = Integer.parseInt(args[3]);
        HttpClient http =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        long started = System.nanoTime();
        for (int i = 0; i < gateways; i++) {
            String id = String.format("bench-gw-%04d", i);
            String site = String.format("bench-site-%03d", i / 5);
            String kind = i % 3 == 0 ? "bridge" : "school";
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(base.resolve("/admin/gateways"))
                            .header("Authorization", "Bearer " + admin)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"siteId\":\"" + site
                                    + "\",\"siteKind\":\"" + kind + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(r.body());
            if (r.statusCode() != 201 || !token.find()) {
                throw new IllegalStateException("registering " + id + ": " + r.statusCode() + " " + r.body());
            }
            if (i % 10 != 9) { // every tenth gateway never reports: the page shows every state
                HttpResponse<String> stored = http.send(
                        HttpRequest.newBuilder(base.resolve("/api/v1/batches"))
                                .header("Authorization", "Bearer " + token.group(1))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(BatchCodec.json()
                                        .encode(TestBatches.schoolWithAlertAndHealth(id, site, "boot-1", 1))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (stored.statusCode() != 200) {
                    throw new IllegalStateException(
                            "batch of " + id + ": " + stored.statusCode() + " " + stored.body());
                }
            }
        }
        System.out.printf(
                "bench-web: %d gateways registered and reporting in %.1f s%n",
                gateways, (System.nanoTime() - started) / 1e9);

        String form = http.send(
                        HttpRequest.newBuilder(base.resolve("/anmelden")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(form);
        csrf.find();
        HttpResponse<String> signIn = http.send(
                HttpRequest.newBuilder(base.resolve("/anmelden"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&token="
                                + URLEncoder.encode(admin, StandardCharsets.UTF_8) + "&ziel=/flotte"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String session = signIn.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("dos_session="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("sign-in failed: " + signIn.statusCode()));

        try (KeepAliveHttp page = new KeepAliveHttp(base)) {
            int bytes = 0;
            for (int i = 0; i < Math.max(100, iterations / 2); i++) { // warm-up: the JIT and the template cache
                bytes = check(page.get("/flotte", "Cookie: " + session)).body().length;
            }
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                check(page.get("/flotte", "Cookie: " + session));
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "bench-web: GET /flotte with %d gateways, %d times, full HTML answer (%,d bytes):%n",
                    gateways, iterations, bytes);
            System.out.printf(
                    "  p50 %.1f ms   p95 %.1f ms   p99 %.1f ms   max %.1f ms   (target: p95 <= 100 ms)%n",
                    pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1]);
        }
    }

    private static KeepAliveHttp.Answer check(KeepAliveHttp.Answer a) {
        if (a.status() != 200 || !a.text().contains("bench-gw-0000")) {
            throw new IllegalStateException("the fleet page answered " + a.status());
        }
        return a;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
