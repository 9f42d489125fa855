package de.dos2030.iot.config.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Local outputs on GPIO: a traffic light (green = all rules clear, yellow = a warning,
 * red = a critical level) and a buzzer (sounds while a rule with the buzzer action is critical).
 */
public record OutputsConfig(Optional<TrafficLight> trafficLight, Optional<Buzzer> buzzer) {

    public OutputsConfig {
        if (trafficLight == null || buzzer == null) {
            throw new InvalidConfigException(
                    "outputs", List.of(Violation.of("", "use Optional.empty() for no output")));
        }
    }

    public static OutputsConfig none() {
        return new OutputsConfig(Optional.empty(), Optional.empty());
    }

    /** Every output pin with the path that claims it, in file order. */
    public List<Claim> pins() {
        List<Claim> out = new ArrayList<>();
        trafficLight.ifPresent(t -> {
            out.add(new Claim("outputs.traffic-light.green", t.green()));
            out.add(new Claim("outputs.traffic-light.yellow", t.yellow()));
            out.add(new Claim("outputs.traffic-light.red", t.red()));
        });
        buzzer.ifPresent(b -> out.add(new Claim("outputs.buzzer.pin", b.pin())));
        return out;
    }

    /** An output's path in the file and its GPIO. */
    public record Claim(String path, int gpio) {}

    /** Three LEDs on GPIOs; {@code active} is the level that lights them. */
    public record TrafficLight(int green, int yellow, int red, ActiveLevel active) {
        public TrafficLight {
            List<Violation> out = new ArrayList<>();
            GpioHeader.check("green", green).ifPresent(out::add);
            GpioHeader.check("yellow", yellow).ifPresent(out::add);
            GpioHeader.check("red", red).ifPresent(out::add);
            if (active == null) {
                out.add(Violation.of("active", "is required"));
            }
            Violation.throwIfAny("traffic light", out);
        }
    }

    /** A buzzer on one GPIO; {@code active} is the level that sounds it. */
    public record Buzzer(int pin, ActiveLevel active) {
        public Buzzer {
            List<Violation> out = new ArrayList<>();
            GpioHeader.check("pin", pin).ifPresent(out::add);
            if (active == null) {
                out.add(Violation.of("active", "is required"));
            }
            Violation.throwIfAny("buzzer", out);
        }
    }
}
