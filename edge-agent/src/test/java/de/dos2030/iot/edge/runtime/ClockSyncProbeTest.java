package de.dos2030.iot.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.ClockSync;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The clock state comes from chrony, ntpd or timesyncd, whichever answers, in that order; their real outputs. */
class ClockSyncProbeTest {
    static final String CHRONY_SYNCED = "C0A80001,192.168.0.1,3,1764230400.123456789,-0.000012345,0.000001234,"
            + "0.000023456,-12.345,0.001,0.020,0.000456,0.000789,64.2,Normal\n";
    static final String CHRONY_UNSYNCED = "00000000,,0,0.000000000,0.000000000,0.000000000,0.000000000,0.000,0.000,"
            + "0.000,1.000000000,1.000000000,0.0,Not synchronised\n";
    static final String NTPQ_SYNCED = "leap=00\n";
    static final String NTPQ_UNSYNCED = "associd=0 status=c016 leap_alarm, sync_unspec, 1 event, restart,\nleap=11\n";

    private static ClockSyncProbe probe(Map<List<String>, String> answers, boolean timesyncFlag) {
        return new ClockSyncProbe(
                command -> Optional.ofNullable(answers.get(command)),
                path -> timesyncFlag && path.equals(ClockSyncProbe.TIMESYNC_FLAG));
    }

    @Test
    void chronyTellsSyncedFromUnsynced() {
        assertThat(probe(Map.of(ClockSyncProbe.CHRONY, CHRONY_SYNCED), false).refresh())
                .isEqualTo(ClockSync.SYNCED);
        assertThat(probe(Map.of(ClockSyncProbe.CHRONY, CHRONY_UNSYNCED), true).refresh())
                .as("chrony is asked before the timesyncd flag")
                .isEqualTo(ClockSync.UNSYNCED);
    }

    @Test
    void ntpdTellsSyncedFromUnsynced() {
        assertThat(probe(Map.of(ClockSyncProbe.NTPD, NTPQ_SYNCED), false).refresh())
                .isEqualTo(ClockSync.SYNCED);
        assertThat(probe(Map.of(ClockSyncProbe.NTPD, NTPQ_UNSYNCED), false).refresh())
                .isEqualTo(ClockSync.UNSYNCED);
    }

    @Test
    void chronycWithoutItsDaemonFallsThroughToTheNextSource() {
        assertThat(probe(
                                Map.of(
                                        ClockSyncProbe.CHRONY,
                                        "506 Cannot talk to daemon\n",
                                        ClockSyncProbe.NTPD,
                                        NTPQ_SYNCED),
                                false)
                        .refresh())
                .isEqualTo(ClockSync.SYNCED);
    }

    @Test
    void timesyncdFlagMeansSyncedAndNothingAtAllMeansUnknown() {
        assertThat(probe(Map.of(), true).refresh()).isEqualTo(ClockSync.SYNCED);
        assertThat(probe(Map.of(), false).refresh()).isEqualTo(ClockSync.UNKNOWN);
    }

    @Test
    void currentKeepsTheLastRefreshSoBatchesNeverStartAProcess() {
        int[] asked = {0};
        ClockSyncProbe probe = new ClockSyncProbe(
                command -> {
                    asked[0]++;
                    return command.equals(ClockSyncProbe.CHRONY) ? Optional.of(CHRONY_SYNCED) : Optional.empty();
                },
                (Path path) -> false);
        assertThat(probe.current()).isEqualTo(ClockSync.UNKNOWN);
        probe.refresh();
        for (int i = 0; i < 100; i++) {
            assertThat(probe.current()).isEqualTo(ClockSync.SYNCED);
        }
        assertThat(asked[0]).isEqualTo(1);
    }
}
