package de.dos2030.iot.collector.query;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.query.TierCoverage.Piece;
import de.dos2030.iot.collector.rollup.Tier;
import de.dos2030.iot.collector.rollup.TierFreshness;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TierCoverageTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final List<Tier> ALL = List.of(Tier.DAY, Tier.HOUR, Tier.MINUTE);

    private static Instant t(String iso) {
        return Instant.parse(iso);
    }

    @Test
    void coversAlignedDaysWithTheDayTierAlone() {
        List<Piece> pieces =
                TierCoverage.plan(t("2026-01-04T23:00:00Z"), t("2026-01-11T23:00:00Z"), ALL, BERLIN, clean());

        assertThat(pieces).containsExactly(new Piece(Tier.DAY, t("2026-01-04T23:00:00Z"), t("2026-01-11T23:00:00Z")));
    }

    @Test
    void fillsRaggedEndsWithFinerTiersAndRaw() {
        List<Piece> pieces =
                TierCoverage.plan(t("2026-01-05T21:58:30Z"), t("2026-01-07T00:01:00Z"), ALL, BERLIN, clean());

        assertThat(pieces)
                .containsExactly(
                        new Piece(null, t("2026-01-05T21:58:30Z"), t("2026-01-05T21:59:00Z")),
                        new Piece(Tier.MINUTE, t("2026-01-05T21:59:00Z"), t("2026-01-05T22:00:00Z")),
                        new Piece(Tier.HOUR, t("2026-01-05T22:00:00Z"), t("2026-01-05T23:00:00Z")),
                        new Piece(Tier.DAY, t("2026-01-05T23:00:00Z"), t("2026-01-06T23:00:00Z")),
                        new Piece(Tier.HOUR, t("2026-01-06T23:00:00Z"), t("2026-01-07T00:00:00Z")),
                        new Piece(Tier.MINUTE, t("2026-01-07T00:00:00Z"), t("2026-01-07T00:01:00Z")));
    }

    @Test
    void readsTierFreshnessRawAndTheRestOfTheirDayFromHours() {
        TreeSet<Instant> dirty = new TreeSet<>(List.of(t("2026-01-06T10:00:00Z")));

        List<Piece> pieces = TierCoverage.plan(
                t("2026-01-05T23:00:00Z"),
                t("2026-01-06T23:00:00Z"),
                ALL,
                BERLIN,
                new TierFreshness.Stale(dirty, new TreeSet<>()));

        assertThat(pieces)
                .containsExactly(
                        new Piece(Tier.HOUR, t("2026-01-05T23:00:00Z"), t("2026-01-06T10:00:00Z")),
                        new Piece(null, t("2026-01-06T10:00:00Z"), t("2026-01-06T11:00:00Z")),
                        new Piece(Tier.HOUR, t("2026-01-06T11:00:00Z"), t("2026-01-06T23:00:00Z")));
    }

    @Test
    void takesDaylightSavingDaysWholeWithTheirTwentyThreeAndTwentyFiveHours() {
        List<Piece> spring =
                TierCoverage.plan(t("2026-03-28T23:00:00Z"), t("2026-03-29T22:00:00Z"), ALL, BERLIN, clean());
        List<Piece> autumn =
                TierCoverage.plan(t("2026-10-24T22:00:00Z"), t("2026-10-25T23:00:00Z"), ALL, BERLIN, clean());

        assertThat(spring).containsExactly(new Piece(Tier.DAY, t("2026-03-28T23:00:00Z"), t("2026-03-29T22:00:00Z")));
        assertThat(autumn).containsExactly(new Piece(Tier.DAY, t("2026-10-24T22:00:00Z"), t("2026-10-25T23:00:00Z")));
    }

    @Test
    void readsAStaleDayCellFromItsHours() {
        TierFreshness.Stale staleDay =
                new TierFreshness.Stale(new TreeSet<>(), new TreeSet<>(List.of(t("2026-01-05T23:00:00Z"))));

        List<Piece> pieces =
                TierCoverage.plan(t("2026-01-04T23:00:00Z"), t("2026-01-06T23:00:00Z"), ALL, BERLIN, staleDay);

        assertThat(pieces)
                .containsExactly(
                        new Piece(Tier.DAY, t("2026-01-04T23:00:00Z"), t("2026-01-05T23:00:00Z")),
                        new Piece(Tier.HOUR, t("2026-01-05T23:00:00Z"), t("2026-01-06T23:00:00Z")));
    }

    private static TierFreshness.Stale clean() {
        return new TierFreshness.Stale(new TreeSet<>(), new TreeSet<>());
    }

    @Test
    void fallsToRawWithoutUsableTiers() {
        List<Piece> pieces =
                TierCoverage.plan(t("2026-01-05T10:00:00Z"), t("2026-01-05T11:00:00Z"), List.of(), BERLIN, clean());

        assertThat(pieces).containsExactly(new Piece(null, t("2026-01-05T10:00:00Z"), t("2026-01-05T11:00:00Z")));
    }
}
