package de.dos2030.iot.collector.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;

/**
 * InfluxDB connection and write behaviour ({@code collector.influx.*}, validated at start-up).
 *
 * @param url                InfluxDB HTTP API (v1); by default InfluxDB's own port on this host, {@code http://127.0.0.1:8086}
 * @param database           database, created at start-up if missing
 * @param username           optional user (InfluxDB with auth enabled)
 * @param password           optional password
 * @param retentionPolicy    retention policy written to, created at start-up (as the default) if missing
 * @param retentionDuration  its duration: {@code INF} or InfluxQL duration such as {@code 520w}
 * @param batchPoints        most points in one write request
 * @param writerThreads      write requests in flight at once
 * @param maxPendingPoints   points waiting for a writer beyond which ingest answers "try later":
 *                           the collector never buffers without bound
 * @param maxAttempts        tries per write request on transient errors
 * @param initialBackoff     wait before the second try; doubles each further try
 * @param requestTimeout     connect/read/write timeout of one request
 * @param ingestTimeout      longest a door waits for its batch to be stored before answering "try later"
 * @param retryAfter         what "try later" tells the gateway (Retry-After, Max-Age)
 */
@ConfigurationProperties("collector.influx")
public record InfluxConfig(
        @Bindable(defaultValue = "http://127.0.0.1:8086")
        @NotNull
        @Pattern(regexp = "https?://[^\\s/]+(/.*)?", message = "must be an http(s) URL such as http://127.0.0.1:8086")
        String url,

        @Bindable(defaultValue = "dos")
        @NotNull
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 characters of A-Z a-z 0-9 _ -")
        String database,

        @Nullable String username,
        @Nullable String password,

        @Bindable(defaultValue = "raw")
        @NotNull
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1 to 64 characters of A-Z a-z 0-9 _ -")
        String retentionPolicy,

        @Bindable(defaultValue = "INF")
        @NotNull
        @Pattern(regexp = "INF|[0-9]+[hdw]", message = "must be INF or a number with h, d or w, e.g. 520w")
        String retentionDuration,

        @Bindable(defaultValue = "5000") @Min(1) @Max(100_000)
        int batchPoints,

        @Bindable(defaultValue = "4") @Min(1) @Max(64) int writerThreads,
        @Bindable(defaultValue = "200000") @Min(1000) int maxPendingPoints,
        @Bindable(defaultValue = "3") @Min(1) @Max(20) int maxAttempts,
        @Bindable(defaultValue = "200ms") @NotNull Duration initialBackoff,
        @Bindable(defaultValue = "10s") @NotNull Duration requestTimeout,
        @Bindable(defaultValue = "10s") @NotNull Duration ingestTimeout,
        @Bindable(defaultValue = "10s") @NotNull Duration retryAfter) {}
