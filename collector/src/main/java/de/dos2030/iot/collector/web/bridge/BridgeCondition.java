package de.dos2030.iot.collector.web.bridge;

import de.dos2030.iot.collector.condition.ConditionSummary;
import de.dos2030.iot.collector.condition.Feature;
import de.dos2030.iot.collector.condition.FeatureStatus;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * What the bridge page shows of a bridge's condition (fragment {@code bridge/condition}): per tracked mode
 * its frequency against the temperature-compensated baseline, per strain or tilt sensor its offset.
 */
public record BridgeCondition(List<Row> modes, List<Row> offsets) {

    /**
     * One feature in the page's words: {@code quantity} is the bundle's quantity key, {@code state} the
     * condition state ({@code learning}, {@code ok}, {@code shifted}, {@code settled}), {@code tag} its style.
     */
    public record Row(
            String sensorId,
            String quantity,
            String state,
            String tag,
            String unit,
            @Nullable Instant time,
            @Nullable Double value,
            @Nullable Double predicted,
            @Nullable Double residual,
            @Nullable Double residualPercent,
            @Nullable Double residualSigma,
            @Nullable Double coveragePercent,
            @Nullable Double limit) {}

    public static BridgeCondition of(ConditionSummary s) {
        return new BridgeCondition(
                s.modes().stream().map(BridgeCondition::row).toList(),
                s.offsets().stream().map(BridgeCondition::row).toList());
    }

    private static Row row(FeatureStatus f) {
        Feature feature = Feature.parse(f.feature());
        String tag = switch (f.state()) {
            case "ok" -> "online";
            case "learning" -> "info";
            default -> "warning";
        };
        return new Row(
                f.sensorId(),
                feature == null ? f.feature() : feature.quantity().wireName(),
                f.state(),
                tag,
                f.unit(),
                f.time(),
                f.value(),
                f.predicted(),
                f.residual(),
                f.residualPercent(),
                f.residualSigma(),
                f.coverage() == null ? null : 100 * f.coverage(),
                f.limit());
    }

    public boolean isEmpty() {
        return modes.isEmpty() && offsets.isEmpty();
    }
}
