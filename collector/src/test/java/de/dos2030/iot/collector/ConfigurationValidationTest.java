package de.dos2030.iot.collector;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad configuration stops start-up with a message that names the key. */
class ConfigurationValidationTest {

    private static Map<String, Object> valid() {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("datasources.default.url", "jdbc:h2:mem:config-test;DB_CLOSE_DELAY=-1");
        props.put("collector.admin.token", "a-long-enough-admin-token");
        props.put("collector.secrets.key", TestCollector.SECRETS_KEY);
        props.put("collector.influx.url", "http://127.0.0.1:9"); // nothing listens: start-up must not need InfluxDB
        props.put("collector.mqtt.enabled", false);
        props.put("collector.coap.enabled", false);
        return props;
    }

    private static void start(Map<String, Object> props) {
        try (ApplicationContext ignored = ApplicationContext.builder()
                .properties(props)
                .eagerInitSingletons(true)
                .start()) {
            // started: close again
        }
    }

    @Test
    void startsWithValidConfigurationEvenWhileInfluxDbIsDown() {
        start(valid());
    }

    @Test
    void refusesZeroBatchPoints() {
        Map<String, Object> props = valid();
        props.put("collector.influx.batch-points", 0);
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("batchPoints")
                .hasStackTraceContaining("must be greater than or equal to 1");
    }

    @Test
    void refusesInfluxUrlThatIsNotHttp() {
        Map<String, Object> props = valid();
        props.put("collector.influx.url", "influx.example.org:8086");
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("url")
                .hasStackTraceContaining("must be an http(s) URL");
    }

    @Test
    void refusesShortAdminToken() {
        Map<String, Object> props = valid();
        props.put("collector.admin.token", "short");
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("token")
                .hasStackTraceContaining("at least 16 characters");
    }

    @Test
    void refusesMqttUrlWithoutPort() {
        Map<String, Object> props = valid();
        props.put("collector.mqtt.enabled", true);
        props.put("collector.mqtt.url", "tcp://broker");
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("must be tcp://host:port");
    }

    private static Map<String, Object> withCoap() {
        Map<String, Object> props = valid();
        props.put("collector.coap.enabled", true);
        props.put("collector.coap.bind-address", "127.0.0.1");
        props.put("collector.coap.secure-port", TestCollector.freeUdpPort());
        return props;
    }

    @Test
    void startsWithTheCoapDoorsDefaultLimits() {
        start(withCoap());
    }

    @Test
    void refusesCoapExchangeLifetimeOutsideItsRange() {
        Map<String, Object> props = withCoap();
        props.put("collector.coap.exchange-lifetime", "1h");
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("collector.coap.exchange-lifetime is PT1H: must be between PT5S and PT10M");
    }

    @Test
    void refusesCoapBacklogTooSmallToWork() {
        Map<String, Object> props = withCoap();
        props.put("collector.coap.max-backlog", 1);
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("maxBacklog")
                .hasStackTraceContaining("must be greater than or equal to 16");
    }

    @Test
    void refusesAGatewayRateOfZero() {
        Map<String, Object> props = valid();
        props.put("collector.ingest.rate.batches-per-second", 0);
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("batchesPerSecond")
                .hasStackTraceContaining("must be greater than or equal to 1");
    }

    @Test
    void refusesARetentionShorterThanAnHourOrWithoutUnit() {
        Map<String, Object> props = valid();
        props.put("collector.retention.bridge-raw", "30");
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("bridgeRaw")
                .hasStackTraceContaining("must be INF or a number with h, d or w, at least 1h");
        props.put("collector.retention.bridge-raw", "0h");
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("bridgeRaw");
    }

    @Test
    void refusesAMaximumRollupDelayShorterThanTheSettleDelay() {
        Map<String, Object> props = valid();
        props.put("collector.rollup.settle-delay", "30s");
        props.put("collector.rollup.max-delay", "10s");
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining(
                        "collector.rollup.max-delay is PT10S: must be at least collector.rollup.settle-delay (PT30S)");
    }

    @Test
    void refusesARolloutLeaseNoLongerThanTheRolloutInterval() {
        Map<String, Object> props = valid();
        props.put("collector.fleet.rollout-interval", "30s");
        props.put("collector.fleet.rollout-lease", "10s");
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining(
                        "collector.fleet.rollout-lease is PT10S: must be longer than collector.fleet.rollout-interval (PT30S)");
    }

    @Test
    void refusesASensorThingsDefaultPageLargerThanTheLargestPage() {
        Map<String, Object> props = valid();
        props.put("collector.sta.default-top", "500");
        props.put("collector.sta.max-top", "100");
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("collector.sta.default-top (500) must not exceed collector.sta.max-top (100)");
    }

    @Test
    void refusesToStartWithoutSecretsKey() {
        Map<String, Object> props = valid();
        props.remove("collector.secrets.key");
        assertThatThrownBy(() -> start(props)).hasStackTraceContaining("COLLECTOR_SECRETS_KEY");
    }

    @Test
    void refusesSecretsKeyOfTheWrongLength() {
        Map<String, Object> props = valid();
        props.put("collector.secrets.key", "c2hvcnQ=");
        assertThatThrownBy(() -> start(props))
                .hasStackTraceContaining("collector.secrets.key must be 32 bytes in Base64, it has 5");
    }

    /** As in production: no environment at all (not even the "test" one Micronaut deduces under JUnit). */
    private static void startWithoutEnvironment(Map<String, Object> props) {
        try (ApplicationContext ignored = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(props)
                .eagerInitSingletons(true)
                .start()) {
            // started: close again
        }
    }

    @Test
    void startsWithoutEnvironmentWithOwnSecrets() {
        startWithoutEnvironment(valid());
    }

    @Test
    void refusesTheDevelopmentSecretsOutsideTheDevEnvironment() {
        Map<String, Object> props = valid();
        props.put("collector.admin.token", "dev-admin-token-change-me");
        assertThatThrownBy(() -> startWithoutEnvironment(props))
                .hasStackTraceContaining("collector.admin.token is a development secret (application-dev.yml)");
        Map<String, Object> key = valid();
        key.put("collector.secrets.key", "ZG9zLWRldi1zZWNyZXRzLWtleS1kby1ub3QtdXNlISE=");
        assertThatThrownBy(() -> startWithoutEnvironment(key))
                .hasStackTraceContaining("collector.secrets.key is a development secret (application-dev.yml)");
    }

    @Test
    void acceptsTheDevelopmentSecretsInTheDevEnvironment() {
        Map<String, Object> props = valid();
        props.put("collector.admin.token", "dev-admin-token-change-me");
        try (ApplicationContext ignored = ApplicationContext.builder("dev")
                .properties(props)
                .eagerInitSingletons(true)
                .start()) {
            // started: close again
        }
    }

    @Test
    void refusesWebSettingsThatCannotWork() {
        Map<String, Object> idle = valid();
        idle.put("collector.web.session-idle-timeout", "24h");
        assertThatThrownBy(() -> start(idle))
                .hasStackTraceContaining("must not be longer than collector.web.sessionAbsoluteTimeout");
        Map<String, Object> late = valid();
        late.put("collector.web.late-after", "0s");
        assertThatThrownBy(() -> start(late))
                .hasStackTraceContaining("collector.web.lateAfter: must be a positive duration");
    }
}
