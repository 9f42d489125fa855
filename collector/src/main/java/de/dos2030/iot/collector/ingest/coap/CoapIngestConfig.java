package de.dos2030.iot.collector.ingest.coap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The CoAP door ({@code collector.coap.*}), including Californium's limits, set here on purpose
 * rather than left at its defaults (which keep every exchange for 247 s and allow 150,000 peers:
 * issue 15, finding 1).
 *
 * @param enabled                serve CoAP at all
 * @param bindAddress            address both endpoints bind to
 * @param securePort             CoAPS (DTLS 1.2, PSK: identity = gateway id, key = SHA-256 of its token)
 * @param plainEnabled           also serve plain CoAP (development only: the token travels as {@code ?token=})
 * @param plainPort              plain CoAP port
 * @param maxPayloadBytes        largest batch (block-wise transfers included); larger gets 4.13
 * @param maxMessageBytes        largest single CoAP message, and the block size offered for block-wise transfers
 * @param exchangeLifetime       how long a request is remembered to answer its retransmissions from memory
 *                               (Californium's EXCHANGE_LIFETIME and NON_LIFETIME). A gateway's re-send after
 *                               that is stored again, which ingest does idempotently.
 * @param deduplicationPerPeer   remembered requests per peer at most (the older ones are forgotten first)
 * @param deduplicationSweep     how often forgotten requests are swept away
 * @param maxPeers               peers tracked at once (CoAP message ids, deduplication, block-wise transfers),
 *                               and DTLS sessions
 * @param blockwiseLifetime      a block-wise upload that does not complete within this time is dropped with
 *                               what it buffered
 * @param dtlsStaleSession       a DTLS session idle this long may be evicted when {@code maxPeers} are in use
 * @param maxBacklog             datagrams waiting to be handled (and answers waiting to be sent, and DTLS
 *                               datagrams waiting for decryption) at most; beyond, datagrams are dropped as a
 *                               full network would (counted in {@code collector.coap.dropped})
 */
@ConfigurationProperties("collector.coap")
public record CoapIngestConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "0.0.0.0") @NotBlank String bindAddress,
        @Bindable(defaultValue = "5684") @Min(1) @Max(65535) int securePort,
        @Bindable(defaultValue = "false") boolean plainEnabled,
        @Bindable(defaultValue = "5683") @Min(1) @Max(65535) int plainPort,

        @Bindable(defaultValue = "1048576") @Min(1024) @Max(de.dos2030.iot.model.codec.DecodeLimits.MAX_PAYLOAD_BYTES)
        int maxPayloadBytes,

        @Bindable(defaultValue = "1024") @Min(64) @Max(1024) int maxMessageBytes,
        @Bindable(defaultValue = "60s") @NotNull Duration exchangeLifetime,
        @Bindable(defaultValue = "64") @Min(1) @Max(10_000) int deduplicationPerPeer,
        @Bindable(defaultValue = "5s") @NotNull Duration deduplicationSweep,

        @Bindable(defaultValue = "2000") @Min(1) @Max(1_000_000)
        int maxPeers,

        @Bindable(defaultValue = "30s") @NotNull Duration blockwiseLifetime,
        @Bindable(defaultValue = "10m") @NotNull Duration dtlsStaleSession,

        @Bindable(defaultValue = "2000") @Min(16) @Max(1_000_000)
        int maxBacklog) {

    public CoapIngestConfig {
        requireBetween("exchange-lifetime", exchangeLifetime, Duration.ofSeconds(5), Duration.ofMinutes(10));
        requireBetween("deduplication-sweep", deduplicationSweep, Duration.ofSeconds(1), Duration.ofMinutes(1));
        requireBetween("blockwise-lifetime", blockwiseLifetime, Duration.ofSeconds(5), Duration.ofMinutes(10));
        requireBetween("dtls-stale-session", dtlsStaleSession, Duration.ofMinutes(1), Duration.ofDays(1));
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
            throw new IllegalArgumentException(
                    "collector.coap." + key + " is " + value + ": must be between " + min + " and " + max);
        }
    }
}
