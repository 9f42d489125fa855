package de.dos2030.iot.model.validation;

import de.dos2030.iot.model.AlertEvent;
import de.dos2030.iot.model.Batch;
import de.dos2030.iot.model.Reading;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Every problem the {@link Validator} found in one batch, and which readings and alerts they
 * concern, so that a receiver can keep the good part of a partly bad batch.
 */
public final class ValidationReport {
    private final Batch batch;
    private final List<Problem> problems;
    private final boolean envelopeValid;
    private final Map<Integer, List<Problem>> badReadings;
    private final Map<Integer, List<Problem>> badAlerts;

    ValidationReport(
            Batch batch,
            List<Problem> problems,
            boolean envelopeValid,
            Map<Integer, List<Problem>> badReadings,
            Map<Integer, List<Problem>> badAlerts) {
        this.batch = batch;
        this.problems = List.copyOf(problems);
        this.envelopeValid = envelopeValid;
        this.badReadings = badReadings;
        this.badAlerts = badAlerts;
    }

    /** Every problem found, in the order of the batch's fields. */
    public List<Problem> problems() {
        return problems;
    }

    /** No problem at all. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * The batch's own fields (ids, sequence, times, health) are sound, so its readings can be
     * attributed and stored. When false, nothing of the batch should be stored.
     */
    public boolean envelopeValid() {
        return envelopeValid;
    }

    public List<Reading> validReadings() {
        return IntStream.range(0, batch.readings().size())
                .filter(i -> !badReadings.containsKey(i))
                .mapToObj(batch.readings()::get)
                .toList();
    }

    public List<Reading> invalidReadings() {
        return badReadings.keySet().stream().sorted().map(batch.readings()::get).toList();
    }

    /** The problems of {@code readings[index]}; empty when that reading is valid. */
    public List<Problem> readingProblems(int index) {
        return badReadings.getOrDefault(index, List.of());
    }

    public List<AlertEvent> validAlerts() {
        return IntStream.range(0, batch.alerts().size())
                .filter(i -> !badAlerts.containsKey(i))
                .mapToObj(batch.alerts()::get)
                .toList();
    }

    public List<AlertEvent> invalidAlerts() {
        return badAlerts.keySet().stream().sorted().map(batch.alerts()::get).toList();
    }

    /** The problems of {@code alerts[index]}; empty when that alert is valid. */
    public List<Problem> alertProblems(int index) {
        return badAlerts.getOrDefault(index, List.of());
    }

    @Override
    public String toString() {
        return problems.isEmpty()
                ? "valid"
                : String.join("; ", problems.stream().map(Problem::toString).toList());
    }
}
