package de.dos2030.iot.collector.condition;

import java.util.ArrayList;
import java.util.List;

/** The engine's outside world in memory: what it learned, moved and alerted, in order. */
final class RecordingPort implements ConditionPort {
    final List<Baseline> baselines = new ArrayList<>();
    final List<ConditionAlert> alerts = new ArrayList<>();
    int learningBins;
    int moves;

    @Override
    public void learningBin(SeriesKey key, BinPoint bin) {
        learningBins++;
    }

    @Override
    public void baselineLearned(Baseline baseline) {
        baselines.add(baseline);
    }

    @Override
    public void seriesMoved(SeriesRecord series) {
        moves++;
    }

    @Override
    public void alert(ConditionAlert alert) {
        alerts.add(alert);
    }

    List<ConditionAlert> alerts(String rule, Step step) {
        return alerts.stream()
                .filter(a -> a.key().feature().alertRule().equals(rule) && a.step() == step)
                .toList();
    }
}
