package de.dos2030.iot.collector.fleet.rollout;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * {@code POST /admin/rollouts}: {@code {"kind": "config", "yaml": "...", "gateways": [...] | "selector":
 * {"siteKind", "sites"}, "canary": "gw-1", "percentSteps": [10, 50, 100], "pace": "PT2M", "watch": "PT5M"}}.
 * An agent rollout: {@code {"kind": "agent", "version": "0.2.0", ...}} instead of the yaml. Absent: kind config, canary the first gateway, steps 10/50/100, pace 2 minutes, watch 5 minutes.
 */
@Serdeable
public record RolloutRequest(
        @Nullable String kind,
        @Nullable String yaml,
        @Nullable String version,
        @Nullable List<String> gateways,
        @Nullable Selector selector,
        @Nullable String canary,
        @Nullable List<Integer> percentSteps,
        @Nullable String pace,
        @Nullable String watch) {

    /** Every enabled gateway of this site kind and/or these sites. */
    @Serdeable
    public record Selector(
            @Nullable String siteKind, @Nullable List<String> sites) {}
}
