package de.dos2030.iot.collector.captures;

import de.dos2030.iot.model.RawCapture;
import java.util.List;

/**
 * The captures of one alert as CSV for a spreadsheet: one row a sample, its time (nominal: first
 * sample plus whole periods), seconds from the trigger (negative before it) and value; an empty
 * value where the sample was unusable.
 */
final class CaptureCsv {
    static final String HEADER = "sensor_id,quantity,unit,time,seconds_from_trigger,value\n";

    private CaptureCsv() {}

    static String of(List<RawCapture> captures) {
        StringBuilder out = new StringBuilder(HEADER);
        for (RawCapture c : captures) {
            String prefix = c.sensorId() + "," + c.quantity().wireName() + ","
                    + c.quantity().unit() + ",";
            double triggerOffset = c.before().toNanos() / 1e9;
            for (int i = 0; i < c.size(); i++) {
                float v = c.value(i);
                out.append(prefix)
                        .append(c.sampleTime(i))
                        .append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.4f", i / c.sampleRateHz() - triggerOffset))
                        .append(',')
                        .append(Float.isNaN(v) ? "" : Float.toString(v))
                        .append('\n');
            }
        }
        return out.toString();
    }
}
