package de.dos2030.iot.edge.cli.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import de.dos2030.iot.edge.pipeline.PipelineOutput;
import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.WireNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * One JSON object per line: each reading and alert event with the field names and values of the
 * shared-model JSON codec (lower-case enum wire names, ISO-8601 times), plus {@code "type"}:
 * {@code "reading"} or {@code "alert"}. For {@code jq}, spreadsheets and diffing two rule sets.
 */
public final class JsonLinesOutput implements PipelineOutput, AutoCloseable {

    private final JsonGenerator g;

    public JsonLinesOutput(Writer out) {
        try {
            g = new JsonFactory().createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
    }

    @Override
    public void reading(Reading r) {
        try {
            g.writeStartObject();
            g.writeStringField("type", "reading");
            g.writeStringField("sensorId", r.sensorId());
            g.writeStringField("quantity", WireNames.of(r.quantity()));
            g.writeStringField("statistic", WireNames.of(r.statistic()));
            g.writeStringField("time", r.time().toString());
            g.writeNumberField("value", r.value());
            g.writeStringField("quality", WireNames.of(r.quality()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay output: " + e.getMessage(), e);
        }
    }

    @Override
    public void alert(AlertEvent a) {
        try {
            g.writeStartObject();
            g.writeStringField("type", "alert");
            g.writeStringField("alertId", a.alertId());
            g.writeStringField("ruleId", a.ruleId());
            g.writeStringField("sensorId", a.sensorId());
            if (a.quantity() == null) {
                g.writeNullField("quantity");
            } else {
                g.writeStringField("quantity", WireNames.of(a.quantity()));
            }
            g.writeStringField("severity", WireNames.of(a.severity()));
            g.writeStringField("state", WireNames.of(a.state()));
            writeOptional("value", a.value());
            writeOptional("limit", a.limit());
            g.writeStringField("time", a.time().toString());
            g.writeStringField("message", a.message());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay output: " + e.getMessage(), e);
        }
    }

    private void writeOptional(String name, Double v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }

    @Override
    public void close() throws IOException {
        g.writeRaw('\n');
        g.flush();
    }
}
