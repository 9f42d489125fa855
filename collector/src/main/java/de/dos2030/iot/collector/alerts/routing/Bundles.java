package de.dos2030.iot.collector.alerts.routing;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;

import de.dos2030.iot.collector.alerts.AlertNotification;
import de.dos2030.iot.collector.alerts.AlertStore;
import de.dos2030.iot.collector.statedb.RelationalStore;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a delivery with a route other than "step" sends, as one {@link AlertNotification} so every channel can
 * carry it unchanged:
 *
 * <ul>
 *   <li>{@code digest}: every step held while the subscription's window was closed, kind {@code digest};
 *   <li>{@code grouped}: correlated raises (kind {@code grouped}) or their clears (kind {@code grouped_resolved});
 *   <li>{@code escalated}: the alert's raise, kind {@code escalated}, not acknowledged in time.
 * </ul>
 *
 * A bundle's message lists each step on its own line (time, step, severity, site, gateway, rule, message); its
 * site, gateway and rule are the steps' own when they all share one, else "several". Thread-safe.
 */
@Singleton
public class Bundles {
    static final String SEVERAL = "several";
    private final RelationalStore store;
    private final AlertStore alerts;

    public Bundles(RelationalStore store, AlertStore alerts) {
        this.store = store;
        this.alerts = alerts;
    }

    public Optional<AlertNotification> compose(long deliveryId, String route, long eventId) {
        if (route.equals("escalated")) {
            return alerts.notification(eventId).map(Bundles::escalated);
        }
        List<AlertNotification> steps = new ArrayList<>();
        for (long id : bundled(deliveryId)) {
            alerts.notification(id).ifPresent(steps::add);
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(bundle(deliveryId, route, steps));
    }

    /** The event ids a bundle carries, oldest first. */
    public List<Long> bundled(long deliveryId) {
        return store.run(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = bind(
                            c.prepareStatement("SELECT event_id FROM delivery WHERE bundle_id = ? ORDER BY event_id"),
                            deliveryId);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    static AlertNotification escalated(AlertNotification n) {
        return new AlertNotification(
                n.eventId(),
                "escalated",
                n.time(),
                n.gatewayId(),
                n.alertId(),
                n.siteId(),
                n.siteKind(),
                n.sensorId(),
                n.quantity(),
                n.unit(),
                n.ruleId(),
                n.source(),
                n.severity(),
                n.maxSeverity(),
                n.status(),
                n.value(),
                n.limit(),
                "Not acknowledged since " + n.time() + ", escalated: " + n.message(),
                null);
    }

    static AlertNotification bundle(long deliveryId, String route, List<AlertNotification> steps) {
        AlertNotification first = steps.get(0);
        boolean allCleared = steps.stream().allMatch(s -> s.kind().equals("cleared"));
        String kind = route.equals("grouped") ? (allCleared ? "grouped_resolved" : "grouped") : "digest";
        String maxSeverity = steps.stream()
                .map(AlertNotification::maxSeverity)
                .max(Comparator.comparingInt(Bundles::rank))
                .orElse(first.maxSeverity());
        String severity = steps.stream()
                .map(AlertNotification::severity)
                .max(Comparator.comparingInt(Bundles::rank))
                .orElse(first.severity());
        StringBuilder text = new StringBuilder();
        text.append(
                switch (kind) {
                    case "grouped" ->
                        steps.size() + " alerts " + common(steps, AlertNotification::ruleId) + " at " + sites(steps);
                    case "grouped_resolved" ->
                        steps.size() + " alerts " + common(steps, AlertNotification::ruleId) + " resolved at "
                                + sites(steps);
                    default -> steps.size() + " steps while outside the delivery window";
                });
        for (AlertNotification s : steps) {
            text.append('\n')
                    .append(s.time())
                    .append(' ')
                    .append(s.kind())
                    .append(' ')
                    .append(s.severity())
                    .append(' ')
                    .append(s.siteId())
                    .append(' ')
                    .append(s.gatewayId())
                    .append(' ')
                    .append(s.ruleId())
                    .append(": ")
                    .append(s.message());
        }
        AlertNotification last = steps.get(steps.size() - 1);
        return new AlertNotification(
                first.eventId(),
                kind,
                last.time(),
                common(steps, AlertNotification::gatewayId),
                kind + "-" + deliveryId,
                common(steps, AlertNotification::siteId),
                common(steps, AlertNotification::siteKind),
                null,
                null,
                null,
                common(steps, AlertNotification::ruleId),
                common(steps, AlertNotification::source),
                severity,
                maxSeverity,
                allCleared ? "cleared" : last.status(),
                null,
                null,
                text.toString(),
                null);
    }

    private static String sites(List<AlertNotification> steps) {
        List<String> sites = steps.stream()
                .map(AlertNotification::siteId)
                .distinct()
                .sorted()
                .toList();
        return sites.size() == 1 ? sites.get(0) : sites.size() + " sites (" + String.join(", ", sites) + ")";
    }

    private static String common(List<AlertNotification> steps, Function<AlertNotification, String> field) {
        String one = field.apply(steps.get(0));
        return steps.stream().allMatch(s -> one.equals(field.apply(s))) ? one : SEVERAL;
    }

    private static int rank(String severity) {
        return switch (severity) {
            case "critical" -> 2;
            case "warning" -> 1;
            default -> 0;
        };
    }
}
