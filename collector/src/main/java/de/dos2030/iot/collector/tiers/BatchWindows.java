package de.dos2030.iot.collector.tiers;

import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.storage.StorageLayout;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.SiteKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The hour windows a batch's stored readings touch: one per raw field and UTC hour. Stateless. */
public final class BatchWindows {
    private static final long HOUR_MS = 3_600_000L;

    private BatchWindows() {}

    /** Usually 1 to 3 windows: a batch covers seconds to minutes of a few quantities. */
    public static Collection<DirtyWindow> of(Batch batch, SiteKind kind, List<Reading> stored) {
        Set<DirtyWindow> out = new HashSet<>();
        Reading previous = null;
        long previousHour = Long.MIN_VALUE;
        for (Reading r : stored) {
            long hour = Math.floorDiv(r.time().toEpochMilli(), HOUR_MS) * HOUR_MS;
            // Readings come grouped by series: skip the lookup while series and hour stay the same.
            if (previous != null
                    && hour == previousHour
                    && previous.quantity() == r.quantity()
                    && previous.statistic() == r.statistic()) {
                continue;
            }
            previous = r;
            previousHour = hour;
            out.add(new DirtyWindow(
                    batch.gatewayId(),
                    r.quantity().measurement(),
                    StorageLayout.fieldOf(r.quantity(), r.statistic()),
                    Tier.HOUR,
                    Instant.ofEpochMilli(hour),
                    batch.siteId(),
                    kind));
        }
        return out.size() == 1 ? List.of(out.iterator().next()) : new ArrayList<>(out);
    }
}
