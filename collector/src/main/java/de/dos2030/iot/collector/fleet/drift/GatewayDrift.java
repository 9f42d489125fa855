package de.dos2030.iot.collector.fleet.drift;

import de.dos2030.iot.collector.fleet.reported.ReportedChange;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** Desired against reported, per kind, for one gateway: a line of {@code GET /admin/fleet/drift}. */
@Serdeable
public record GatewayDrift(String gatewayId, String siteId, String siteKind, Side config, Side agent) {

    /**
     * One kind of change.
     *
     * @param desired     the version asked for (null: nothing asked)
     * @param reported    the version the gateway last reported running
     * @param state       {@code none}, {@code in-sync}, {@code pending}, {@code rolled-back}, {@code refused}
     * @param lastVersion the version of the latest change the gateway reported
     * @param lastOutcome its outcome ({@code APPLYING}, {@code COMMITTED}, {@code ROLLED_BACK}, {@code REFUSED})
     * @param reason      the gateway's reason for it, when rolled back or refused
     * @param at          when the gateway reached it
     */
    @Serdeable
    public record Side(
            @Nullable String desired,
            @Nullable String reported,
            String state,
            @Nullable String lastVersion,
            @Nullable String lastOutcome,
            @Nullable String reason,
            @Nullable Instant at) {

        static Side of(@Nullable String desired, @Nullable String reported, @Nullable ReportedChange latest) {
            return new Side(
                    desired,
                    reported,
                    DriftState.of(desired, reported, latest).wireName(),
                    latest == null ? null : latest.version(),
                    latest == null ? null : latest.outcome().name(),
                    latest == null ? null : latest.reason(),
                    latest == null ? null : latest.reportedAt());
        }

        /** Whether the gateway is not where it is asked to be. */
        public boolean drifting() {
            return !state.equals(DriftState.NONE.wireName()) && !state.equals(DriftState.IN_SYNC.wireName());
        }
    }
}
