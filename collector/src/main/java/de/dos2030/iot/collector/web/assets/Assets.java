package de.dos2030.iot.collector.web.assets;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The pages' static files (our stylesheet and scripts under {@code web-assets/}, uPlot from its
 * WebJar), read once at start-up and served by {@link AssetController} under a URL that carries
 * their content hash: {@code /assets/3f2a9c1b7d4e/site.css}. A changed file gets a new URL, so
 * browsers may keep each one for a year. No CDN: everything comes from the collector. Immutable.
 */
@Singleton
public class Assets {
    /** What the pages may ask for, by name, and where it lives on the class path. */
    private static final Map<String, String> SOURCES = sources();

    private final Map<String, Asset> byName = new LinkedHashMap<>();

    /** One file: its bytes, content type and hash. */
    public record Asset(String name, byte[] bytes, String contentType, String hash) {
        public String url() {
            return "/assets/" + hash + "/" + name;
        }
    }

    public Assets() {
        SOURCES.forEach((name, path) -> {
            byte[] bytes = read(path);
            byName.put(name, new Asset(name, bytes, contentType(name), hash(bytes)));
        });
    }

    /** The URL of a named asset, for templates: {@code ${assets.url('site.css')}}. */
    public String url(String name) {
        Asset a = byName.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no asset '" + name + "' (known: " + byName.keySet() + ")");
        }
        return a.url();
    }

    /** The asset with this name whose content has this hash; null when either does not match (an old URL). */
    @Nullable
    public Asset find(String hash, String name) {
        Asset a = byName.get(name);
        return a != null && a.hash.equals(hash) ? a : null;
    }

    private static Map<String, String> sources() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String own : new String[] {"site.css", "alerts.js", "chart.js", "classroom.js", "signin.js"}) {
            m.put(own, "web-assets/" + own);
        }
        String uplot = "META-INF/resources/webjars/uplot/" + webJarVersion("uplot") + "/dist/";
        m.put("uPlot.min.css", uplot + "uPlot.min.css");
        m.put("uPlot.iife.min.js", uplot + "uPlot.iife.min.js");
        return m;
    }

    private static String webJarVersion(String artifact) {
        Properties p = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String path) {
        try (InputStream in = stream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading asset " + path, e);
        }
    }

    private static InputStream stream(String path) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("asset " + path
                    + " is not on the class path: is the WebJar a dependency, the file in web-assets/?");
        }
        return in;
    }

    private static String contentType(String name) {
        if (name.endsWith(".css")) {
            return "text/css;charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript;charset=utf-8";
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }

    private static String hash(byte[] bytes) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
