package de.dos2030.iot.edge.outbox;

import static de.dos2030.iot.edge.outbox.OutboxFixtures.T0;
import static de.dos2030.iot.edge.outbox.OutboxFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.model.EvictionPolicy;
import de.dos2030.iot.config.model.SyncPolicy;
import de.dos2030.iot.edge.sim.VirtualClock;
import de.dos2030.iot.edge.uplink.MessageKind;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureEntryTest {
    @TempDir
    Path dir;

    final VirtualClock clock = new VirtualClock(T0.plusSeconds(60));

    static RawCapture capture() {
        float[] values = new float[4_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) Math.sin(i * 0.1) * 0.01f;
        }
        return new RawCapture("deck.rms.above-1", "deck", Quantity.ACCELERATION, T0, 100, T0.plusSeconds(30), values);
    }

    @Test
    void aCaptureIsJournaledAloneAndSurvivesARestartAsACapture() throws Exception {
        Outbox.open(
                        settings(dir, SyncPolicy.EVERY_BATCH, EvictionPolicy.OLDEST_READINGS_FIRST),
                        new BatchOrigin("gw-1", "bridge-1", "boot-a"),
                        clock)
                .append(EntryKind.CAPTURE, List.of(), List.of(), null, ClockSync.SYNCED, List.of(capture()));
        try (Outbox reopened = Outbox.open(
                settings(dir, SyncPolicy.EVERY_BATCH, EvictionPolicy.OLDEST_READINGS_FIRST),
                new BatchOrigin("gw-1", "bridge-1", "boot-b"),
                clock)) {
            OutboxEntry e =
                    reopened.waiting(EntryKind.CAPTURE, 0, x -> true, 10).get(0);
            Batch batch = BatchCodec.cbor().decode(reopened.payload(e));
            assertThat(batch.captures()).containsExactly(capture());
            assertThat(batch.readings()).isEmpty();
            assertThat(MessageKind.of(e.kind())).isEqualTo(MessageKind.BATCH);
        }
    }

    @Test
    void anInvalidCaptureIsRefusedWithItsField() {
        RawCapture c = capture();
        RawCapture bad = new RawCapture(
                c.alertId(), c.sensorId(), Quantity.CO2, c.firstSampleTime(), 100, c.triggerTime(), c.values());
        try (Outbox o = Outbox.open(
                settings(dir, SyncPolicy.EVERY_BATCH, EvictionPolicy.OLDEST_READINGS_FIRST),
                new BatchOrigin("gw-1", "bridge-1", "boot-a"),
                clock)) {
            AppendResult r = o.append(EntryKind.CAPTURE, List.of(), List.of(), null, ClockSync.SYNCED, List.of(bad));
            assertThat(r)
                    .isInstanceOfSatisfying(
                            AppendResult.Refused.class,
                            refused -> assertThat(refused.reason()).contains("captures[0].quantity"));
        }
    }

    static OutboxEntry entry(long id, EntryKind kind) {
        return new OutboxEntry(id, kind, "boot", id, T0, 0, 100, 0, 0, 10);
    }

    @Test
    void aFullOutboxGivesUpCapturesAfterRawSamplesAndBeforeFeatures() {
        OutboxEntry samples = entry(1, EntryKind.SAMPLES);
        OutboxEntry capture = entry(2, EntryKind.CAPTURE);
        OutboxEntry features = entry(3, EntryKind.FEATURES);
        OutboxEntry alert = entry(4, EntryKind.ALERT);
        EvictionPolicy policy = EvictionPolicy.OLDEST_READINGS_FIRST;
        assertThat(EvictionOrder.victims(policy, EntryKind.SAMPLES, List.of(samples, capture, features, alert)))
                .containsExactly(samples);
        assertThat(EvictionOrder.victims(policy, EntryKind.SAMPLES, List.of(capture, features, alert)))
                .containsExactly(capture);
        assertThat(EvictionOrder.victims(EvictionPolicy.REJECT_NEW, EntryKind.ALERT, List.of(capture, alert)))
                .as("an incoming alert displaces captures too")
                .containsExactly(capture);
    }
}
