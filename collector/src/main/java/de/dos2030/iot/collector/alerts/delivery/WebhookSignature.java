package de.dos2030.iot.collector.alerts.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature header {@code X-DOS-Signature: t=<unix seconds>,v1=<hex>} where hex is
 * HMAC-SHA256 with the subscription's secret over {@code <t>.<raw body>}. A receiver recomputes
 * it, compares in constant time, and rejects old timestamps (replays).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-DOS-Signature";

    private WebhookSignature() {}

    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds, body);
    }

    public static String hmacHex(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Whether {@code header} is a valid signature of {@code body} with {@code secret} (for receivers and tests). */
    public static boolean verify(String secret, String header, byte[] body) {
        if (header == null) {
            return false;
        }
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                try {
                    t = Long.parseLong(part.substring(2));
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        return t >= 0
                && v1 != null
                && MessageDigest.isEqual(
                        hmacHex(secret, t, body).getBytes(StandardCharsets.US_ASCII),
                        v1.getBytes(StandardCharsets.US_ASCII));
    }
}
