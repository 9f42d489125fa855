package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.edge.pipeline.feature.SpectrumAnalyzer;
import java.time.Instant;

/**
 * Optional observer of each vibration window's spectrum (the strongest peaks above the noise
 * floor), e.g. for the replay table. The analyser is reused: read it during the call, keep nothing.
 */
@FunctionalInterface
public interface SpectrumListener {

    void spectrum(String sensorId, Instant windowEnd, SpectrumAnalyzer spectrum);
}
