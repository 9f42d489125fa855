package de.dos2030.iot.collector.captures;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.ClockSync;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import java.time.Instant;
import java.util.List;

/** Raw captures as a gateway sends them: 30 s before and 10 s after the trigger at 100 Hz, one unusable sample. */
public final class CaptureBatches {
    private CaptureBatches() {}

    public static RawCapture capture(String alertId, String sensorId, Instant trigger) {
        float[] values = new float[4_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (0.01 * Math.sin(i * 0.37));
        }
        values[17] = Float.NaN;
        return new RawCapture(alertId, sensorId, Quantity.ACCELERATION, trigger.minusSeconds(30), 100, trigger, values);
    }

    public static Batch batch(String gateway, String site, String boot, long sequence, RawCapture... captures) {
        Instant created = captures[0].triggerTime().plusSeconds(11);
        return new Batch(
                Batch.FORMAT_VERSION,
                gateway,
                site,
                boot,
                sequence,
                created,
                ClockSync.SYNCED,
                List.of(),
                List.of(),
                null,
                List.of(captures));
    }
}
