package de.dos2030.iot.collector.condition;

import java.time.Instant;

/**
 * One closed bin of a feature: the median of its readings and the mean of the temperatures they were
 * paired with. The median is what keeps a lorry crossing (a few seconds of strain) out of the level.
 *
 * @param start       bin start (data time)
 * @param value       median reading in the bin
 * @param temperature mean paired temperature
 * @param readings    how many paired readings the bin had
 */
public record BinPoint(Instant start, double value, double temperature, int readings) {}
