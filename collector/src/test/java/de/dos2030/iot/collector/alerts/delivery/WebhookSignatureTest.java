package de.dos2030.iot.collector.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Our webhook signatures verify as Standard Webhooks receivers verify them: against the scheme's published
 * example, against a separate implementation written from the specification here, and with the scheme's own
 * Java library ({@code com.standardwebhooks:standardwebhooks}).
 */
class WebhookSignatureTest {
    /** The example in the Standard Webhooks specification and its libraries' tests. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final SecureRandom RANDOM = new SecureRandom(new byte[] {42});

    @Test
    void signsTheSpecificationsExampleAsTheSpecificationSays() {
        assertThat(WebhookSignature.standard(
                        SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void theStandardWebhooksLibrarySignsTheExampleAlikeSoTheVectorIsRight() throws Exception {
        assertThat(new Webhook(SPEC_SECRET).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void aSeparateImplementationOfTheSchemeAgreesOnRandomSecretsAndBodies() throws Exception {
        for (int i = 0; i < 200; i++) {
            byte[] key = new byte[1 + RANDOM.nextInt(64)];
            RANDOM.nextBytes(key);
            String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
            byte[] body = new byte[RANDOM.nextInt(2000)];
            RANDOM.nextBytes(body);
            String id = "dlv-" + RANDOM.nextInt(1_000_000);
            long t = 1_700_000_000L + RANDOM.nextInt(100_000_000);
            assertThat(WebhookSignature.standard(secret, id, t, body))
                    .as("secret %s", secret)
                    .isEqualTo(fromTheSpecification(key, id, t, body));
        }
    }

    @Test
    void theStandardWebhooksLibraryVerifiesWhatWeSendNow() throws Exception {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String body = "{\"deliveryId\":7,\"event\":{\"kind\":\"raised\",\"message\":\"Bitte lüften\"}}";
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSignature.standard(secret, "dlv-7", now, body.getBytes(StandardCharsets.UTF_8));

        assertThatCode(() -> new Webhook(secret).verify(body, headers("dlv-7", now, signature)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(secret).verify(body + " ", headers("dlv-7", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(secret).verify(body, headers("dlv-8", now, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aSecretIssuedBeforeInUrlSafeBase64SignsWithTheSameKeyALibraryGetsByTranslatingTwoCharacters()
            throws Exception {
        byte[] key = new byte[32];
        String old;
        do { // a key whose URL-safe form differs from the standard one
            RANDOM.nextBytes(key);
            old = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        } while (!old.substring(6).contains("-") && !old.substring(6).contains("_"));
        String body = "{}";
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSignature.standard(old, "dlv-1", now, body.getBytes(StandardCharsets.UTF_8));
        String translated = "whsec_" + old.substring(6).replace('-', '+').replace('_', '/');

        assertThat(signature).isEqualTo(fromTheSpecification(key, "dlv-1", now, body.getBytes(StandardCharsets.UTF_8)));
        assertThatCode(() -> new Webhook(translated).verify(body, headers("dlv-1", now, signature)))
                .doesNotThrowAnyException();
    }

    @Test
    void theDeprecatedHeaderStaysAsItWasForOneMoreRelease() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header("whsec_abc", 1700000000L, body);
        assertThat(header).startsWith("t=1700000000,v1=");
        assertThat(WebhookSignature.verify("whsec_abc", header, body)).isTrue();
        assertThat(WebhookSignature.verify("whsec_abd", header, body)).isFalse();
    }

    /** Written from the specification: HMAC-SHA256 keyed with the decoded secret over id.timestamp.body. */
    private static String fromTheSpecification(byte[] key, String id, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] prefix = String.format("%s.%d.", id, t).getBytes(StandardCharsets.UTF_8);
        byte[] signed = java.util.Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
    }

    static Map<String, List<String>> headers(String id, long t, String signature) {
        return Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(t)),
                "webhook-signature", List.of(signature));
    }
}
