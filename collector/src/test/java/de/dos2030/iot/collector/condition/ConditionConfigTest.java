package de.dos2030.iot.collector.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.TestCollector;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Condition monitoring's configuration: defaults from the record, bad values stop start-up naming the key. */
class ConditionConfigTest {

    private static Map<String, Object> valid() {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("datasources.default.url", "jdbc:h2:mem:condition-config-test;DB_CLOSE_DELAY=-1");
        props.put("collector.admin.token", "a-long-enough-admin-token");
        props.put("collector.secrets.key", TestCollector.SECRETS_KEY);
        props.put("collector.influx.url", "http://127.0.0.1:9");
        props.put("collector.mqtt.enabled", false);
        props.put("collector.coap.enabled", false);
        return props;
    }

    @Test
    void learnsOverFourteenDaysUnlessConfiguredOtherwise() {
        try (ApplicationContext c =
                ApplicationContext.builder().properties(valid()).start()) {
            ConditionConfig config = c.getBean(ConditionConfig.class);
            assertThat(config).isEqualTo(ConditionConfig.defaults());
            assertThat(config.learningPeriod()).isEqualTo(Duration.ofDays(14));
        }
    }

    @Test
    void refusesALearningPeriodShorterThanADayAtStartUp() {
        Map<String, Object> props = valid();
        props.put("collector.condition.learning-period", "23h");
        assertThatThrownBy(() -> {
                    try (ApplicationContext ignored = ApplicationContext.builder()
                            .properties(props)
                            .eagerInitSingletons(true)
                            .start()) {
                        // started: close again
                    }
                })
                .hasStackTraceContaining("collector.condition.learning-period is PT23H: must be at least 1d");
    }

    @Test
    void refusesABinThatDoesNotDivideADay() {
        assertThatThrownBy(() -> new ConditionConfig(
                        true,
                        Duration.ofDays(14),
                        36,
                        Duration.ofMinutes(7),
                        Duration.ofMinutes(1),
                        1,
                        10,
                        0.5,
                        Duration.ofHours(6),
                        30,
                        0.05,
                        Duration.ofHours(12)))
                .hasMessage("collector.condition.bin is PT7M: must divide a day (e.g. 10m)");
    }
}
