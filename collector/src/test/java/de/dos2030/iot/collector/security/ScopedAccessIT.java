package de.dos2030.iot.collector.security;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Severity;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scopes, as a property: for random scopes and roles, random queries on every route that reads or changes
 * site data answer exactly the sites inside the scope (never another site's data, and nothing of the
 * scope's own left out), and a site, gateway or alert outside it is 404 as if it did not exist. Two
 * schools and two bridges, each with a gateway, readings and an open alert.
 */
class ScopedAccessIT {
    static final long SEED = Long.getLong("scopes.seed", 20261205L);
    static final Map<String, String> SITES = new LinkedHashMap<>(); // site -> kind
    static TestCollector collector;
    static Instant now;

    /** The routes this property exercises; {@link ScopeMatrix} checks that every site route is among them. */
    static final Set<String> EXERCISED = Set.of(
            "GET /api/v1/sites",
            "GET /api/v1/sites/{site}",
            "PATCH /api/v1/sites/{site}",
            "PUT /api/v1/sites/{site}",
            "PUT /api/v1/sites/{site}/locations/{location}",
            "GET /api/v1/gateways",
            "GET /api/v1/gateways/{id}",
            "GET /api/v1/sensors",
            "GET /api/v1/series",
            "GET /api/v1/alerts",
            "GET /api/v1/alerts/active",
            "GET /api/v1/alerts/{gatewayId}/{alertId}",
            "GET /api/v1/alerts/{gatewayId}/{alertId}/captures",
            "GET /api/v1/alerts/{gatewayId}/{alertId}/captures.csv",
            "POST /api/v1/alerts/{gatewayId}/{alertId}/acknowledge",
            "POST /api/v1/subscriptions",
            "GET /api/v1/sites/{site}/condition",
            "GET /api/v1/sites/{site}/condition.csv",
            "GET /api/v1/sites/{site}/condition/baselines",
            "POST /api/v1/sites/{site}/condition/baselines/relearn");

    @BeforeAll
    static void start() throws Exception {
        SITES.put("sc-s1", "school");
        SITES.put("sc-s2", "school");
        SITES.put("sc-b1", "bridge");
        SITES.put("sc-b2", "bridge");
        collector = new TestCollector(Map.of());
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (Map.Entry<String, String> site : SITES.entrySet()) {
            String gw = "g-" + site.getKey();
            String token = collector
                    .register(
                            gw, site.getKey(), SiteKind.valueOf(site.getValue().toUpperCase()))
                    .token();
            HttpResponse<String> r =
                    collector.postBatch(BatchCodec.json().encode(batch(gw, site.getKey())), "application/json", token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        collector.close();
    }

    /** A minute of temperatures and one raised alert. */
    static Batch batch(String gw, String site) {
        List<Reading> readings = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            readings.add(Reading.sample("t1", Quantity.TEMPERATURE, now.minusSeconds(600 - i), 20 + i % 5));
        }
        AlertEvent alert = new AlertEvent(
                "al-" + site,
                "t-high",
                "t1",
                Quantity.TEMPERATURE,
                Severity.WARNING,
                AlertState.RAISED,
                30.0,
                25.0,
                now.minusSeconds(300),
                "too warm");
        return new Batch(
                Batch.FORMAT_VERSION,
                gw,
                site,
                "boot-1",
                0,
                now.minusSeconds(1),
                ClockSync.SYNCED,
                readings,
                List.of(alert),
                null);
    }

    static Scope randomScope(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> Scope.ALL;
            case 1 -> Scope.kind(rnd.nextBoolean() ? "school" : "bridge");
            default -> {
                List<String> pool = new ArrayList<>(SITES.keySet());
                pool.add("sc-unknown");
                Set<String> chosen = new TreeSet<>();
                int n = 1 + rnd.nextInt(3);
                while (chosen.size() < n) {
                    chosen.add(pool.get(rnd.nextInt(pool.size())));
                }
                yield Scope.sites(chosen);
            }
        };
    }

    static Set<String> allowed(Scope scope) {
        return SITES.entrySet().stream()
                .filter(e -> scope.allows(e.getKey(), e.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> values(String json, String key) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\"" + key + "\":\"([^\"]+)\"").matcher(json);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static <T> T pick(Random rnd, List<T> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    @Test
    void randomScopesAndQueriesNeverAnswerAnotherSitesData() throws Exception {
        Random rnd = new Random(SEED);
        List<String> sites = new ArrayList<>(SITES.keySet());
        for (int t = 0; t < 24; t++) {
            Scope scope = randomScope(rnd);
            Role role = pick(rnd, List.of(Role.VIEWER, Role.ENGINEER, Role.ADMIN));
            String id = "sc-tok-" + t;
            String token = collector
                    .context
                    .getBean(ApiTokens.class)
                    .issue(id, id, role, scope, new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                    .token();
            Set<String> allowed = allowed(scope);
            String what = "token " + id + " (" + role.wireName() + ", scope " + scope.wire() + ", seed " + SEED + ")";
            for (int q = 0; q < 12; q++) {
                String site = pick(rnd, sites);
                boolean in = allowed.contains(site);
                String kind = SITES.get(site);
                switch (rnd.nextInt(10)) {
                    case 9 -> {
                        String path = "/api/v1/sites/" + site
                                + pick(rnd, List.of("/condition", "/condition.csv", "/condition/baselines"));
                        assertThat(get(token, path).statusCode())
                                .as(what + " " + path)
                                .isEqualTo(in && kind.equals("bridge") ? 200 : 404);
                        if (!in && role != Role.VIEWER) {
                            assertThat(collector
                                            .send(
                                                    "POST",
                                                    "/api/v1/sites/" + site + "/condition/baselines/relearn",
                                                    token,
                                                    "{}")
                                            .statusCode())
                                    .as(what + " relearn " + site)
                                    .isEqualTo(404);
                        }
                    }
                    case 0 ->
                        assertThat(values(ok(token, "/api/v1/sites"), "id"))
                                .as(what)
                                .isEqualTo(allowed);
                    case 1 ->
                        assertThat(get(token, "/api/v1/sites/" + site).statusCode())
                                .as(what + " " + site)
                                .isEqualTo(in ? 200 : 404);
                    case 2 -> {
                        String path = rnd.nextBoolean() ? "/api/v1/gateways" : "/api/v1/gateways?site=" + site;
                        Set<String> expected = path.contains("?") ? (in ? Set.of(site) : Set.of()) : allowed;
                        assertThat(values(ok(token, path), "siteId"))
                                .as(what + " " + path)
                                .isEqualTo(expected);
                    }
                    case 3 ->
                        assertThat(get(token, "/api/v1/gateways/g-" + site).statusCode())
                                .as(what + " g-" + site)
                                .isEqualTo(in ? 200 : 404);
                    case 4 -> {
                        String path = pick(
                                rnd,
                                List.of(
                                        "/api/v1/sensors",
                                        "/api/v1/sensors?site=" + site,
                                        "/api/v1/sensors?gateway=g-" + site));
                        Set<String> expected = path.contains("?") ? (in ? Set.of(site) : Set.of()) : allowed;
                        assertThat(values(ok(token, path), "site"))
                                .as(what + " " + path)
                                .isEqualTo(expected);
                    }
                    case 5 -> {
                        String base = "/api/v1/series?quantity=temperature&from=" + now.minusSeconds(3600) + "&to="
                                + now.plusSeconds(60) + (rnd.nextBoolean() ? "&window=1m&aggregate=mean" : "");
                        int form = rnd.nextInt(4);
                        String path = base
                                + switch (form) {
                                    case 0 -> "";
                                    case 1 -> "&site=" + site;
                                    case 2 -> "&gateway=g-" + site;
                                    default -> "&siteKind=" + kind;
                                };
                        Set<String> expected = switch (form) {
                            case 0 -> allowed;
                            case 1, 2 -> in ? Set.of(site) : Set.of();
                            default ->
                                allowed.stream()
                                        .filter(s -> SITES.get(s).equals(kind))
                                        .collect(Collectors.toCollection(TreeSet::new));
                        };
                        assertThat(values(ok(token, path), "site"))
                                .as(what + " " + path)
                                .isEqualTo(expected);
                    }
                    case 6 -> {
                        String path = pick(
                                rnd,
                                List.of(
                                        "/api/v1/alerts",
                                        "/api/v1/alerts/active",
                                        "/api/v1/alerts?siteId=" + site,
                                        "/api/v1/alerts/active?siteKind=" + kind));
                        Set<String> expected = path.contains("siteId")
                                ? (in ? Set.of(site) : Set.of())
                                : path.contains("siteKind")
                                        ? allowed.stream()
                                                .filter(s -> SITES.get(s).equals(kind))
                                                .collect(Collectors.toCollection(TreeSet::new))
                                        : allowed;
                        assertThat(values(ok(token, path), "siteId"))
                                .as(what + " " + path)
                                .isEqualTo(expected);
                    }
                    case 7 -> {
                        assertThat(get(token, "/api/v1/alerts/g-" + site + "/al-" + site)
                                        .statusCode())
                                .as(what + " alert of " + site)
                                .isEqualTo(in ? 200 : 404);
                        if (!in && role != Role.VIEWER) {
                            HttpResponse<String> ack = collector.send(
                                    "POST", "/api/v1/alerts/g-" + site + "/al-" + site + "/acknowledge", token, "{}");
                            assertThat(ack.statusCode())
                                    .as(what + " ack " + site)
                                    .isEqualTo(404);
                        }
                    }
                    default -> {
                        if (role == Role.VIEWER) {
                            continue;
                        }
                        String sub =
                                "{\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:9/h\",\"filter\":{\"siteId\":\""
                                        + site + "\"}}";
                        boolean fits = scope.sites() != null
                                ? in
                                : scope.isAll() || scope.siteKind().equals(kind);
                        assertThat(collector
                                        .send("POST", "/api/v1/subscriptions", token, sub)
                                        .statusCode())
                                .as(what + " subscription to " + site)
                                .isEqualTo(fits ? 201 : 400);
                        if (role == Role.ADMIN && !in) {
                            assertThat(collector
                                            .send("PATCH", "/api/v1/sites/" + site, token, "{\"name\":\"x\"}")
                                            .statusCode())
                                    .as(what + " edit " + site)
                                    .isEqualTo(404);
                            assertThat(collector
                                            .send(
                                                    "PUT",
                                                    "/api/v1/sites/" + site + "/locations/r1",
                                                    token,
                                                    "{\"name\":\"x\"}")
                                            .statusCode())
                                    .as(what + " edit location of " + site)
                                    .isEqualTo(404);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aScopedTokenMayNotUseTheFleetWideAdminRoutes() throws Exception {
        String token = collector
                .context
                .getBean(ApiTokens.class)
                .issue(
                        "sc-admin",
                        "sc-admin",
                        Role.ADMIN,
                        Scope.sites(List.of("sc-s1")),
                        new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                .token();
        for (String path : List.of("/admin/gateways", "/admin/tokens", "/admin/audit", "/admin/audit/verify")) {
            HttpResponse<String> r = get(token, path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).contains("scope 'sites:sc-s1'");
        }
    }

    @Test
    void issuesATokenWithAScopeAndRefusesAnEmptyList() throws Exception {
        HttpResponse<String> r = collector.send(
                "POST",
                "/admin/tokens",
                TestCollector.ADMIN_TOKEN,
                "{\"id\":\"sc-bad\",\"role\":\"viewer\",\"scope\":\"sites:\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("1 to 200 site ids");
        HttpResponse<String> ok = collector.send(
                "POST",
                "/admin/tokens",
                TestCollector.ADMIN_TOKEN,
                "{\"id\":\"sc-good\",\"role\":\"viewer\",\"scope\":\"kind:bridge\"}");
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.body()).contains("\"scope\":\"kind:bridge\"");
    }

    @Test
    void aWebSessionCarriesItsTokensScopeToTheFleetAndAlertPages() throws Exception {
        String token = collector
                .context
                .getBean(ApiTokens.class)
                .issue(
                        "sc-web",
                        "sc-web",
                        Role.ENGINEER,
                        Scope.kind("school"),
                        new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                .token();
        de.dos2030.iot.collector.web.WebClient browser = new de.dos2030.iot.collector.web.WebClient(collector);
        assertThat(browser.signIn(token, "/flotte").statusCode()).isEqualTo(303);
        String fleet = browser.get("/flotte").body();
        assertThat(fleet).contains("g-sc-s1", "g-sc-s2").doesNotContain("g-sc-b1", "g-sc-b2");
        assertThat(browser.get("/flotte/g-sc-s1").statusCode()).isEqualTo(200);
        assertThat(browser.get("/flotte/g-sc-b1").statusCode()).isEqualTo(404);
        String alerts = browser.get("/alarme?status=all").body();
        assertThat(alerts).contains("g-sc-s1").doesNotContain("g-sc-b1", "g-sc-b2");
    }

    @Test
    void deliveriesArePlannedOnlyForAlertsInsideTheOwnersScopeWhateverTheFilterSays() throws Exception {
        String token = collector
                .context
                .getBean(ApiTokens.class)
                .issue(
                        "sc-sub",
                        "sc-sub",
                        Role.ENGINEER,
                        Scope.sites(List.of("sc-s2")),
                        new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                .token();
        HttpResponse<String> created = collector.send(
                "POST",
                "/api/v1/subscriptions",
                token,
                "{\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:9/h\",\"filter\":{\"siteId\":\"sc-s2\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"(sub-[0-9a-f]+)\".*", "$1");
        // An admin (scope all) widens the filter to every alert: the owner's scope still holds.
        assertThat(collector
                        .send("PUT", "/api/v1/subscriptions/" + id, TestCollector.ADMIN_TOKEN, "{\"filter\":{}}")
                        .statusCode())
                .isEqualTo(200);
        raise("sc-s1", "fo-1");
        raise("sc-s2", "fo-2");
        String deliveries = "";
        for (int i = 0; i < 50 && !deliveries.contains("fo-2"); i++) {
            deliveries = collector
                    .get("/api/v1/subscriptions/" + id + "/deliveries", token)
                    .body();
            Thread.sleep(100);
        }
        assertThat(deliveries).contains("fo-2").doesNotContain("fo-1");
    }

    @Test
    void silencesAreCreatedSeenAndEndedOnlyInsideTheScopeAndAudited() throws Exception {
        String token = collector
                .context
                .getBean(ApiTokens.class)
                .issue(
                        "sc-sil",
                        "sc-sil",
                        Role.ENGINEER,
                        Scope.sites(List.of("sc-s1")),
                        new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                .token();
        String other = "{\"scope\":\"site\",\"siteId\":\"sc-s2\",\"reason\":\"works\",\"duration\":\"PT1H\"}";
        assertThat(collector.send("POST", "/api/v1/silences", token, other).statusCode())
                .isEqualTo(404);
        HttpResponse<String> mine = collector.send("POST", "/api/v1/silences", token, other.replace("sc-s2", "sc-s1"));
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(201);
        HttpResponse<String> theirs = collector.send("POST", "/api/v1/silences", TestCollector.ADMIN_TOKEN, other);
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(201);
        String theirId = theirs.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(values(ok(token, "/api/v1/silences"), "siteId")).containsExactly("sc-s1");
        assertThat(get(token, "/api/v1/silences/" + theirId).statusCode()).isEqualTo(404);
        assertThat(collector
                        .send("DELETE", "/api/v1/silences/" + theirId, token, null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(ok(TestCollector.ADMIN_TOKEN, "/admin/audit?action=silence.create&actor=sc-sil"))
                .contains("sc-s1")
                .doesNotContain("sc-s2");
        // End both, so that the other tests' alerts are delivered again.
        String myId = mine.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        assertThat(collector
                        .send("DELETE", "/api/v1/silences/" + myId, token, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(collector
                        .send("DELETE", "/api/v1/silences/" + theirId, TestCollector.ADMIN_TOKEN, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(ok(TestCollector.ADMIN_TOKEN, "/admin/audit?action=silence.end&target=silence/" + myId))
                .contains("sc-sil");
    }

    private static HttpResponse<String> get(String token, String path) throws Exception {
        return collector.get(path, token);
    }

    private static String ok(String token, String path) throws Exception {
        HttpResponse<String> r = collector.get(path, token);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    @Test
    void everyRouteOfTheOpenApiDocumentIsInTheScopeMatrix() throws Exception {
        Set<String> documented = ScopeMatrix.documentedRoutes();
        assertThat(documented).as("routes in the OpenAPI document").hasSizeGreaterThan(30);
        assertThat(ScopeMatrix.MATRIX.keySet())
                .as("every documented route has a scope rule (add new routes to ScopeMatrix.MATRIX)")
                .containsAll(documented);
        assertThat(documented).as("no stale entries in ScopeMatrix.MATRIX").containsAll(ScopeMatrix.MATRIX.keySet());
        Set<String> siteData = ScopeMatrix.MATRIX.entrySet().stream()
                .filter(e -> e.getValue() == ScopeMatrix.Rule.SITE_DATA)
                .map(Map.Entry::getKey)
                .filter(r -> !r.contains("/conflicts/") && !r.equals("PATCH /api/v1/sites/{site}/locations/{location}"))
                .collect(Collectors.toSet());
        assertThat(EXERCISED).as("site routes the property test exercises").containsAll(siteData);
    }

    @Test
    void everyFleetAdminRouteRefusesAScopedAdminAndIngestRefusesAnyApiToken() throws Exception {
        String token = collector
                .context
                .getBean(ApiTokens.class)
                .issue(
                        "sc-admin-2",
                        "sc-admin-2",
                        Role.ADMIN,
                        Scope.kind("school"),
                        new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                .token();
        for (Map.Entry<String, ScopeMatrix.Rule> e : ScopeMatrix.MATRIX.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String path = e.getKey().substring(method.length() + 1).replaceAll("\\{[^}]+}", "x");
            if (e.getValue() == ScopeMatrix.Rule.FLEET_ADMIN) {
                assertThat(collector
                                .send(
                                        method,
                                        path,
                                        token,
                                        method.equals("GET") || method.equals("DELETE") ? null : "{}")
                                .statusCode())
                        .as(e.getKey())
                        .isEqualTo(403);
            } else if (e.getValue() == ScopeMatrix.Rule.INGEST) {
                assertThat(collector
                                .postBatch(new byte[] {'{', '}'}, "application/json", token)
                                .statusCode())
                        .as(e.getKey())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void theAlertStreamCarriesOnlyTheScopesSites() throws Exception {
        String token = collector
                .context
                .getBean(ApiTokens.class)
                .issue(
                        "sc-stream",
                        "sc-stream",
                        Role.VIEWER,
                        Scope.sites(List.of("sc-s2")),
                        new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN))
                .token();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var lines = http.sendAsync(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(collector.url("/api/v1/alerts/stream")))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofLines())
                .get(10, java.util.concurrent.TimeUnit.SECONDS)
                .body()
                .iterator();
        // Another site's step first, then one of the scope's: the stream is in event order.
        raise("sc-s1", "st-1");
        raise("sc-s2", "st-2");
        List<String> seen = new ArrayList<>();
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until) {
            String line = lines.next();
            seen.add(line);
            if (line.contains("st-2")) {
                break;
            }
        }
        assertThat(String.join("\n", seen)).contains("\"siteId\":\"sc-s2\"").doesNotContain("sc-s1");
    }

    private static void raise(String site, String alertId) throws Exception {
        String gw = "g-" + site;
        String token = collector
                .context
                .getBean(de.dos2030.iot.collector.gateways.GatewayRegistry.class)
                .rotateToken(gw)
                .orElseThrow()
                .token();
        AlertEvent alert = new AlertEvent(
                alertId,
                "t-high",
                "t1",
                Quantity.TEMPERATURE,
                Severity.WARNING,
                AlertState.RAISED,
                31.0,
                25.0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "too warm");
        Batch b = new Batch(
                Batch.FORMAT_VERSION,
                gw,
                site,
                "boot-st-" + alertId,
                0,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                ClockSync.SYNCED,
                List.of(),
                List.of(alert),
                null);
        HttpResponse<String> r = collector.postBatch(BatchCodec.json().encode(b), "application/json", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
