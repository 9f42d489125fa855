package de.dos2030.iot.edge.pipeline.rules;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.AlertState;
import java.util.ArrayList;
import java.util.List;

/** An alert sink that keeps the events. */
final class Recorder implements AlertSink {
    final List<AlertEvent> events = new ArrayList<>();

    @Override
    public void transition(AlertTracker tracker, AlertEvent event) {
        events.add(event);
    }

    long raises() {
        return events.stream().filter(e -> e.state() == AlertState.RAISED).count();
    }

    long clears() {
        return events.stream().filter(e -> e.state() == AlertState.CLEARED).count();
    }

    AlertEvent last() {
        return events.get(events.size() - 1);
    }
}
