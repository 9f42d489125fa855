package de.dos2030.iot.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Each default is defined once, in its configuration record: no application*.yml sets a
 * {@code collector.*} key to the value its record already defaults to (where two places hold a
 * default, they drift apart: application.yml once said InfluxDB port 8086, the record 18086).
 */
class ConfigurationDefaultsTest {
    private static final List<String> FILES =
            List.of("application.yml", "application-dev.yml", "application-postgres.yml");

    @Test
    void noApplicationFileRepeatsARecordsDefault() throws IOException {
        Map<String, String> defaults = recordDefaults();
        assertThat(defaults).containsEntry("collector.influx.url", "http://127.0.0.1:8086");
        List<String> repeated = new ArrayList<>();
        for (String file : FILES) {
            flatten("", load(file)).forEach((key, value) -> {
                if (value.equals(defaults.get(key))) {
                    repeated.add(file + ": " + key + " = " + value);
                }
            });
        }
        assertThat(repeated)
                .as("values that only repeat their record's default")
                .isEmpty();
    }

    /** {@code collector.influx.batch-points} -> {@code 5000}, for every record component with a default. */
    private static Map<String, String> recordDefaults() {
        Map<String, String> defaults = new TreeMap<>();
        for (JavaClass c : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("de.dos2030.iot.collector")) {
            if (!c.isAnnotatedWith(ConfigurationProperties.class)
                    || !c.reflect().isRecord()) {
                continue;
            }
            Class<?> record = c.reflect();
            String prefix = record.getAnnotation(ConfigurationProperties.class).value();
            for (RecordComponent component : record.getRecordComponents()) {
                Bindable bindable = component.getAccessor().getAnnotation(Bindable.class);
                if (bindable != null && !bindable.defaultValue().isEmpty()) {
                    defaults.put(prefix + "." + kebab(component.getName()), bindable.defaultValue());
                }
            }
        }
        return defaults;
    }

    private static Map<String, Object> load(String file) throws IOException {
        try (InputStream in = ConfigurationDefaultsTest.class.getClassLoader().getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            return new Yaml().load(in);
        }
    }

    private static Map<String, String> flatten(String prefix, Map<?, ?> tree) {
        Map<String, String> out = new TreeMap<>();
        tree.forEach((k, v) -> {
            String key = prefix.isEmpty() ? k.toString() : prefix + "." + k;
            if (v instanceof Map<?, ?> m) {
                out.putAll(flatten(key, m));
            } else if (v != null) {
                out.put(key, v.toString());
            }
        });
        return out;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
