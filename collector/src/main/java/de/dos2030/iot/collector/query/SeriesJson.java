package de.dos2030.iot.collector.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON of a series answer, written with a streaming generator from the columns (the shape
 * is {@link SeriesResult}'s: field order, ISO-8601 instants, no {@code window} for raw points,
 * {@code quality} on each raw point or on each series of windows of any quality, and what the place
 * registry knows of each series' site and location).
 * Numbers are the shortest text that parses back to the same double, as Java 19+ prints them
 * (Jackson's fast writer): Java 17's {@code Double.toString} was most of the time spent writing an
 * answer, and differs only for some numbers past 10^16, by printing a digit more than needed.
 */
public final class SeriesJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private SeriesJson() {}

    public static byte[] write(SeriesAnswer a) {
        boolean perPoint = a.qualityDetail() == QualityDetail.PER_POINT;
        boolean perSeries = a.qualityDetail() == QualityDetail.PER_SERIES;
        // About 55 bytes a point ({"time":"2025-03-01T08:00:00Z","value":612.3456790123457}), and up to
        // 25 more for a point's quality ("quality":"sensor_fault"): sized so as not to grow.
        int perPointBytes = perPoint ? 80 : 60;
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(256 + (int) Math.min(a.points(), 1_000_000) * perPointBytes);
        IsoSeconds.Buffer time = new IsoSeconds.Buffer();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("quantity", a.quantity());
            g.writeStringField("unit", a.unit());
            g.writeStringField("statistic", a.statistic());
            g.writeStringField("aggregate", a.aggregate());
            if (a.window() != null) {
                g.writeStringField("window", a.window());
            }
            g.writeStringField("from", a.from().toString());
            g.writeStringField("to", a.to().toString());
            g.writeStringField("quality", a.quality());
            g.writeStringField("zone", a.zone().getId());
            g.writeArrayFieldStart("sources");
            for (String source : a.sources()) {
                g.writeString(source);
            }
            g.writeEndArray();
            g.writeNumberField("points", a.points());
            g.writeArrayFieldStart("series");
            for (SeriesColumns s : a.series()) {
                g.writeStartObject();
                g.writeStringField("site", s.site());
                g.writeStringField("gateway", s.gateway());
                g.writeStringField("sensor", s.sensor());
                writePlace(g, s.place());
                if (perSeries) {
                    g.writeStringField("quality", s.quality());
                }
                g.writeArrayFieldStart("points");
                for (int i = 0; i < s.size(); i++) {
                    g.writeStartObject();
                    g.writeFieldName("time");
                    g.writeString(time.chars(), 0, time.write(s.time(i)));
                    g.writeNumberField("value", s.value(i));
                    if (perPoint) {
                        g.writeStringField("quality", a.pointQuality(s, i));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a series answer to memory failed", e);
        }
        return out.toByteArray();
    }

    /** The fields the place registry knows of a series' site and location; none when it knows nothing. */
    private static void writePlace(JsonGenerator g, SeriesPlace p) throws IOException {
        if (p == null) {
            return;
        }
        if (p.siteName() != null) {
            g.writeStringField("siteName", p.siteName());
        }
        if (p.location() != null) {
            g.writeStringField("location", p.location());
        }
        if (p.locationName() != null) {
            g.writeStringField("locationName", p.locationName());
        }
        if (p.position() != null) {
            g.writeObjectFieldStart("position");
            g.writeNumberField("lat", p.position().lat());
            g.writeNumberField("lon", p.position().lon());
            g.writeEndObject();
        }
    }
}
