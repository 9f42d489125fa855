package de.dos2030.iot.edge.outbox;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Who stamps the batches of this run: the gateway, its site and this run's boot id. A new boot id
 * each time the agent starts: sequence numbers begin at 0 under it, so (gateway, boot, sequence)
 * never repeats across restarts even when the journal is lost.
 */
public record BatchOrigin(String gatewayId, String siteId, String bootId) {

    private static final DateTimeFormatter BOOT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh boot id: start time (readable, sortable) plus 32 random bits, e.g. {@code 20250301T081500-9f3a01c2}. */
    public static String newBootId(Instant now) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return BOOT_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
    }
}
