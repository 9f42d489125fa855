package de.dos2030.iot.config.model;

import de.dos2030.iot.model.Quantity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a sensor's values come from: the real chip ({@link Hardware}), a register-level fake chip
 * driven by a physical signal model ({@link Simulated}), or a recorded data file ({@link Replay}).
 */
public sealed interface SourceConfig {

    /** The file's {@code kind} value: hardware, simulated or replay. */
    String kind();

    /** The real chip on the Pi's bus. */
    record Hardware() implements SourceConfig {
        @Override
        public String kind() {
            return "hardware";
        }
    }

    /**
     * A fake chip at the configured bus address, fed by {@code scenario}; the same seed gives the
     * same signal. {@code damage}: stiffness lost by modes of a simulated bridge (empty: healthy).
     */
    record Simulated(Scenario scenario, long seed, List<StiffnessLoss> damage) implements SourceConfig {
        public Simulated {
            damage = damage == null ? List.of() : List.copyOf(damage);
            List<Violation> out = new ArrayList<>();
            if (scenario == null) {
                out.add(Violation.of("scenario", "is required"));
            } else if (!damage.isEmpty() && scenario.siteKind() != de.dos2030.iot.model.SiteKind.BRIDGE) {
                out.add(Violation.of(
                        "damage",
                        "only a simulated bridge has modes to damage, not " + scenario.wireName(),
                        "bridge-traffic, bridge-ambient"));
            }
            Violation.throwIfAny("simulated source", out);
        }

        /** A healthy simulation. */
        public Simulated(Scenario scenario, long seed) {
            this(scenario, seed, List.of());
        }

        /** The same simulation with {@code losses} instead of its own damage. */
        public Simulated withDamage(List<StiffnessLoss> losses) {
            return new Simulated(scenario, seed, losses);
        }

        @Override
        public String kind() {
            return "simulated";
        }
    }

    /**
     * Rows of a CSV file (optionally gzip-compressed) replayed as samples. {@code columns} maps each
     * quantity to a header name; {@code timestampColumn}, when present, paces the replay by the
     * recorded times, otherwise rows follow the sensor's sample rate. {@code speed} 1 is real time,
     * 10 is ten times faster. {@code file} is absolute once loaded (resolved against the config file).
     */
    record Replay(
            Path file,
            Map<Quantity, String> columns,
            Optional<String> timestampColumn,
            double speed,
            ReplayRepeat repeat)
            implements SourceConfig {
        public Replay {
            if (columns != null) {
                EnumMap<Quantity, String> copy = new EnumMap<>(Quantity.class);
                copy.putAll(columns);
                columns = Collections.unmodifiableMap(copy);
            }
            List<Violation> out = new ArrayList<>();
            if (file == null) {
                out.add(Violation.of("file", "is required"));
            }
            if (columns == null || columns.isEmpty()) {
                out.add(Violation.of("columns", "maps no quantity to a column", "quantity: column name"));
            }
            if (timestampColumn == null || repeat == null) {
                out.add(Violation.of("", "timestamp-column and repeat must not be null"));
            }
            if (!(speed > 0 && speed <= 1000)) {
                out.add(Violation.of("speed", speed + " is out of range", "above 0 up to 1000"));
            }
            Violation.throwIfAny("replay source", out);
        }

        @Override
        public String kind() {
            return "replay";
        }
    }
}
