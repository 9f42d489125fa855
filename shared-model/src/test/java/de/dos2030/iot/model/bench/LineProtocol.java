package de.dos2030.iot.model.bench;

import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import de.dos2030.iot.model.WireNames;
import java.nio.charset.StandardCharsets;

/**
 * InfluxDB line protocol for the same readings, as the collector would write them (ms precision),
 * so the benchmark can compare our encodings with what lands in the database.
 */
final class LineProtocol {
    private LineProtocol() {}

    static byte[] encode(Batch batch, String siteKind) {
        StringBuilder out = new StringBuilder(batch.readings().size() * 110);
        for (Reading r : batch.readings()) {
            out.append(r.quantity().measurement())
                    .append(",site=")
                    .append(batch.siteId())
                    .append(",site_kind=")
                    .append(siteKind)
                    .append(",gateway=")
                    .append(batch.gatewayId())
                    .append(",sensor=")
                    .append(r.sensorId());
            if (r.statistic() != Statistic.SAMPLE) {
                out.append(",statistic=").append(WireNames.of(r.statistic()));
            }
            out.append(' ')
                    .append(r.quantity().field())
                    .append('=')
                    .append(r.value())
                    .append(",quality=\"")
                    .append(WireNames.of(r.quality()))
                    .append('"')
                    .append(' ')
                    .append(r.time().toEpochMilli())
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
