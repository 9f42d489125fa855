package de.dos2030.iot.collector.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Sequence tracking shared between instances ({@code collector.sequences.*}).
 *
 * @param shareInterval how often each instance publishes the sequences it stored and reads the
 *                      others'. Short, because it is also what a crashed (kill -9) instance's
 *                      knowledge can lag behind: batches it stored in its last interval show as
 *                      missing on the others.
 */
@ConfigurationProperties("collector.sequences")
public record SequenceConfig(
        @Bindable(defaultValue = "2s") @NotNull Duration shareInterval) {}
