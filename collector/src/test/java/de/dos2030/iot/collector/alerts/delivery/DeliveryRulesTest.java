package de.dos2030.iot.collector.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryRulesTest {
    @Test
    void backoffDoublesFromTheInitialWaitUpToTheMaximum() {
        DeliveryConfig c = new DeliveryConfig(
                Duration.ofSeconds(1),
                8,
                Duration.ofSeconds(10),
                Duration.ofMinutes(1),
                Duration.ofSeconds(10),
                Duration.ofMinutes(2),
                java.util.List.of());
        assertThat(c.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(c.backoff(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.backoff(30)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void signatureIsHmacSha256OfTimestampDotBody() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        String header = WebhookSignature.header("whsec_test", 1_700_000_000L, body);
        assertThat(header)
                .isEqualTo("t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
        assertThat(WebhookSignature.verify("whsec_test", header, body)).isTrue();
        assertThat(WebhookSignature.verify("whsec_test", header, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(WebhookSignature.verify("whsec_other", header, body)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", "t=x,v1=00", body)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", null, body)).isFalse();
    }
}
