package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.RawCapture;
import de.dos2030.iot.model.Reading;
import de.dos2030.iot.model.Statistic;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything the pipeline emits, for assertions. */
public final class RecordingOutput implements PipelineOutput {

    public final List<Reading> readings = new ArrayList<>();
    public final List<AlertEvent> alerts = new ArrayList<>();
    public final List<RawCapture> captures = new ArrayList<>();

    @Override
    public synchronized void reading(Reading reading) {
        readings.add(reading);
    }

    @Override
    public synchronized void alert(AlertEvent event) {
        alerts.add(event);
    }

    @Override
    public synchronized void capture(RawCapture capture) {
        captures.add(capture);
    }

    public List<AlertEvent> alerts(String ruleId) {
        return alerts.stream().filter(a -> a.ruleId().equals(ruleId)).toList();
    }

    public List<AlertEvent> raised(String ruleId) {
        return alerts(ruleId).stream()
                .filter(a -> a.state() == AlertState.RAISED)
                .toList();
    }

    public List<Reading> readings(Quantity q, Statistic s) {
        return readings.stream()
                .filter(r -> r.quantity() == q && r.statistic() == s)
                .toList();
    }
}
