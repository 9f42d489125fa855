package de.dos2030.iot.collector.captures;

import de.dos2030.iot.model.RawCapture;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw captures of one alert as the API answers them: per sensor, its timing and its values
 * ({@code null} for a sample the gateway's filters marked unusable).
 *
 * @param csv where the same samples are as CSV, one row a sample
 */
@Serdeable
public record CaptureAnswer(String gatewayId, String alertId, String csv, List<Capture> captures) {

    /**
     * One sensor's capture.
     *
     * @param beforeSeconds how much of it precedes the trigger
     * @param values        sample {@code i} at {@code firstSampleTime + i / sampleRateHz}
     */
    @Serdeable
    public record Capture(
            String sensorId,
            String quantity,
            String unit,
            Instant firstSampleTime,
            Instant triggerTime,
            double sampleRateHz,
            double beforeSeconds,
            int sampleCount,
            List<@Nullable Float> values) {

        static Capture of(RawCapture c) {
            List<Float> values = new ArrayList<>(c.size());
            for (int i = 0; i < c.size(); i++) {
                float v = c.value(i);
                values.add(Float.isNaN(v) ? null : v);
            }
            return new Capture(
                    c.sensorId(),
                    c.quantity().wireName(),
                    c.quantity().unit(),
                    c.firstSampleTime(),
                    c.triggerTime(),
                    c.sampleRateHz(),
                    c.before().toMillis() / 1000.0,
                    c.size(),
                    values);
        }
    }
}
