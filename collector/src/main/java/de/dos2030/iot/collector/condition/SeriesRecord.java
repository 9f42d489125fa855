package de.dos2030.iot.collector.condition;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * What the relational store keeps of one followed feature besides its learning bins and baselines.
 *
 * @param learning        whether the feature is learning a (new) baseline
 * @param learningSince   bins before this (data time) do not count for learning (set by a re-learn)
 * @param learningStarted the first learning bin's start
 * @param last            the last closed bin (null before the first)
 */
public record SeriesRecord(
        SeriesKey key,
        String gatewayId,
        boolean learning,
        @Nullable Instant learningSince,
        @Nullable Instant learningStarted,
        DetectorState detector,
        @Nullable BinPoint last) {}
