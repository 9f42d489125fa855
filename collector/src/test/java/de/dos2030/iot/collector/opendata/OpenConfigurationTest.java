package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.TestCollector;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The open-data settings ({@code collector.open.*}): defaults that work, bad values that stop start-up. */
class OpenConfigurationTest {

    private static Map<String, Object> valid() {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("datasources.default.url", "jdbc:h2:mem:open-config-test;DB_CLOSE_DELAY=-1");
        props.put("collector.admin.token", "a-long-enough-admin-token");
        props.put("collector.secrets.key", TestCollector.SECRETS_KEY);
        props.put("collector.influx.url", "http://127.0.0.1:9");
        props.put("collector.mqtt.enabled", false);
        props.put("collector.coap.enabled", false);
        return props;
    }

    private static ApplicationContext start(Map<String, Object> props) {
        return ApplicationContext.builder()
                .properties(props)
                .eagerInitSingletons(true)
                .start();
    }

    @Test
    void theDefaultsPublishUnderTheGermanOpenDataLicenceAndLimitAnonymousCallers() {
        try (ApplicationContext c = start(valid())) {
            OpenPublication pub = c.getBean(OpenPublication.class);
            assertThat(pub.licenceUri()).isEqualTo("http://dcat-ap.de/def/licenses/dl-by-de/2.0");
            assertThat(pub.licenceTitle()).isEqualTo("Datenlizenz Deutschland – Namensnennung – Version 2.0");
            assertThat(pub.publicUrl()).isNull();
            OpenLimits limits = c.getBean(OpenLimits.class);
            assertThat(limits.ratePerMinute()).isEqualTo(120);
            assertThat(limits.trustedProxies()).isEmpty();
            assertThat(c.getBean(PublicTier.class).schoolDelayDays()).isEqualTo(1);
        }
    }

    @Test
    void trustedProxiesAndTheLicenceAreConfigurable() {
        Map<String, Object> props = valid();
        props.put("collector.open.trusted-proxies", List.of("10.0.0.1", " 10.0.0.2 "));
        props.put("collector.open.licence-id", "cc-by/4.0");
        props.put("collector.open.public-url", "https://daten.example.de/");
        try (ApplicationContext c = start(props)) {
            assertThat(c.getBean(OpenLimits.class).proxies()).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
            assertThat(c.getBean(OpenPublication.class).licenceId()).isEqualTo("cc-by/4.0");
            assertThat(c.getBean(OpenPublication.class).base("evil.example")).isEqualTo("https://daten.example.de");
        }
    }

    @Test
    void refusesARateOfZero() {
        Map<String, Object> props = valid();
        props.put("collector.open.rate-per-minute", 0);
        assertThatThrownBy(() -> start(props).close()).hasStackTraceContaining("collector.open.rate-per-minute");
    }

    @Test
    void refusesAPublicUrlThatIsNotHttp() {
        Map<String, Object> props = valid();
        props.put("collector.open.public-url", "daten.example.de");
        assertThatThrownBy(() -> start(props).close())
                .hasStackTraceContaining("collector.open.public-url 'daten.example.de' is not an http(s) address");
    }

    @Test
    void refusesAnIssuedDateThatIsNotADate() {
        Map<String, Object> props = valid();
        props.put("collector.open.issued", "2025-13-01");
        assertThatThrownBy(() -> start(props).close()).hasStackTraceContaining("collector.open.issued '2025-13-01'");
    }
}
