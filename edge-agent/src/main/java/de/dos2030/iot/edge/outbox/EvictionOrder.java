package de.dos2030.iot.edge.outbox;

import de.dos2030.iot.config.model.EvictionPolicy;
import java.util.List;

/**
 * Which batches of the oldest segment a full outbox gives up (the rest are copied forward).
 * <ul>
 * <li>{@code oldest-readings-first}: its health snapshots and raw-sample batches; raw captures
 *     only when it holds neither; window features only when it holds none of those; alerts only
 *     when it holds nothing else.</li>
 * <li>{@code oldest-first}: everything in it.</li>
 * <li>{@code reject-new}: nothing, the new batch is refused; except that an incoming alert still
 *     displaces the non-alert batches, since a lost alert costs more than a lost sample.</li>
 * </ul>
 */
final class EvictionOrder {
    private static final List<List<EntryKind>> READINGS_FIRST = List.of(
            List.of(EntryKind.HEALTH, EntryKind.SAMPLES),
            List.of(EntryKind.CAPTURE),
            List.of(EntryKind.FEATURES),
            List.of(EntryKind.ALERT));
    private static final List<EntryKind> NON_ALERTS =
            List.of(EntryKind.HEALTH, EntryKind.SAMPLES, EntryKind.CAPTURE, EntryKind.FEATURES);

    private EvictionOrder() {}

    static List<OutboxEntry> victims(EvictionPolicy policy, EntryKind incoming, List<OutboxEntry> oldestSegment) {
        return switch (policy) {
            case OLDEST_READINGS_FIRST ->
                READINGS_FIRST.stream()
                        .map(kinds -> ofKinds(kinds, oldestSegment))
                        .filter(l -> !l.isEmpty())
                        .findFirst()
                        .orElse(List.of());
            case OLDEST_FIRST -> oldestSegment;
            case REJECT_NEW -> incoming == EntryKind.ALERT ? ofKinds(NON_ALERTS, oldestSegment) : List.of();
        };
    }

    private static List<OutboxEntry> ofKinds(List<EntryKind> kinds, List<OutboxEntry> entries) {
        return entries.stream().filter(e -> kinds.contains(e.kind())).toList();
    }
}
