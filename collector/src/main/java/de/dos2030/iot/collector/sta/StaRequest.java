package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.sta.filter.Evaluator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request's context: the model the caller may see, its access, the observation tier asked for,
 * the evaluator of its filters and the service's base URL (for self and navigation links).
 */
record StaRequest(
        StaModel model,
        Access access,
        Observations.Tier tier,
        Evaluator evaluator,
        PathResolver resolver,
        String base) {

    String selfLink(Entity e) {
        return base + "/" + e.type().plural() + "(" + e.id() + ")";
    }

    /** A link to {@code path} with these query options, {@code $skip} replaced. */
    String nextLink(String path, Map<String, String> params, int skip) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, v) -> {
            if (!k.equals("$skip")) {
                parts.add(encode(k) + "=" + encode(v));
            }
        });
        parts.add("%24skip=" + skip);
        return base + path + "?" + String.join("&", parts);
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
