package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.model.Severity;
import java.time.Instant;

/**
 * An alert that is raised now, for {@code watch}, gateway health and tests.
 *
 * @param check which check of the rule: above, below, rate, flatline, nodata or fault
 */
public record ActiveAlert(
        String alertId, String sensorId, String ruleId, String check, Severity severity, Instant since) {}
