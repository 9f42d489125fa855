package de.dos2030.iot.collector.web;

import de.dos2030.iot.collector.TestCollector;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a browser: keeps cookies, does not follow redirects, fills in forms' CSRF tokens. */
public final class WebClient {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final TestCollector collector;
    public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    public WebClient(TestCollector collector) {
        this.collector = collector;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(collector.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form as a browser does. */
    public HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(URI.create(collector.url(path)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of a page's forms. */
    public static String csrfOf(String html) {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in the page");
        }
        return m.group(1);
    }

    /** Opens the sign-in page and signs in with this token; returns the answer to the POST. */
    public HttpResponse<String> signIn(String token, String target) throws IOException, InterruptedException {
        String form = get("/anmelden").body();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrfOf(form));
        fields.put("token", token);
        fields.put("ziel", target);
        return post("/anmelden", fields);
    }

    /** A form post with the CSRF token of the page at {@code from}. */
    public HttpResponse<String> submit(String from, String action, Map<String, String> fields)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrfOf(get(from).body()));
        return post(action, all);
    }
}
