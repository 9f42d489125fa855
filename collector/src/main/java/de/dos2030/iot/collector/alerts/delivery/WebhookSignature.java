package de.dos2030.iot.collector.alerts.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signatures. The current one follows Standard Webhooks (https://www.standardwebhooks.com), so that
 * receivers verify with its libraries: headers {@value #ID} (the delivery's id, the same on every attempt),
 * {@value #TIMESTAMP} (unix seconds) and {@value #SIGNATURE} = {@code v1,<base64 HMAC-SHA256>} over
 * {@code <id>.<timestamp>.<raw body>}, keyed with the bytes of the subscription's secret
 * ({@code whsec_<base64 key>}, the part after the prefix base64-decoded).
 *
 * <p>Deprecated, sent for one more release beside it: {@value #HEADER}{@code : t=<unix seconds>,v1=<hex>} where
 * hex is HMAC-SHA256 keyed with the whole secret string as UTF-8 over {@code <t>.<raw body>}.
 *
 * <p>Secrets issued before this release are URL-safe base64 without padding ({@code -} and {@code _} where
 * standard base64 has {@code +} and {@code /}): they sign with the same key bytes; a receiver whose library
 * decodes standard base64 only replaces those two characters in its copy of the secret.
 */
public final class WebhookSignature {
    /** Deprecated: the signature of earlier versions, sent for one more release. */
    public static final String HEADER = "X-DOS-Signature";

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** Standard Webhooks secrets start with it; the rest is the key in base64. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSignature() {}

    /** The {@value #SIGNATURE} header's value: {@code v1,<base64>}. */
    public static String standard(String secret, String id, long unixSeconds, byte[] body) {
        byte[] prefix = (id + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key(secret), prefix, body));
    }

    /**
     * The HMAC key of a secret: the base64 after {@value #SECRET_PREFIX} decoded (standard or URL-safe
     * alphabet); a secret without the prefix (none is issued so) as its UTF-8 bytes.
     */
    static byte[] key(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        String b64 = secret.substring(SECRET_PREFIX.length());
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException standardFailed) {
            return Base64.getUrlDecoder().decode(b64); // secrets issued before Standard Webhooks
        }
    }

    /** The deprecated {@value #HEADER} header's value. */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds, body);
    }

    public static String hmacHex(String secret, long unixSeconds, byte[] body) {
        return HexFormat.of()
                .formatHex(hmac(
                        secret.getBytes(StandardCharsets.UTF_8),
                        (unixSeconds + ".").getBytes(StandardCharsets.UTF_8),
                        body));
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /**
     * Whether the deprecated {@value #HEADER} is a valid signature of {@code body} with {@code secret} (for
     * receivers and tests).
     */
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
