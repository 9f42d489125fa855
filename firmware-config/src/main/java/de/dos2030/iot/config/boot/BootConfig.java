package de.dos2030.iot.config.boot;

import de.dos2030.iot.config.model.ActiveLevel;
import de.dos2030.iot.config.model.Defaults;
import de.dos2030.iot.config.model.GatewayConfig;
import de.dos2030.iot.config.model.GpioBus;
import de.dos2030.iot.config.model.I2cBus;
import de.dos2030.iot.config.model.OutputsConfig;
import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.config.model.SourceConfig;
import de.dos2030.iot.config.model.SpiBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code /boot/firmware/config.txt} lines a gateway's wiring needs, each with the reason.
 * Only sensors with a hardware source count: simulated chips and replays use no real bus.
 * Output pins get a {@code gpio=} line so LEDs and buzzer stay off from power-on until the agent runs.
 */
public final class BootConfig {

    /** One config.txt line and why it is there. */
    public record Line(String text, String why) {}

    private BootConfig() {}

    public static List<Line> lines(GatewayConfig config) {
        List<Line> out = new ArrayList<>();
        List<SensorConfig> wired = config.sensors().stream()
                .filter(s ->
                        s.source() instanceof SourceConfig.Hardware && s.bus().isPresent())
                .toList();
        Map<Integer, List<SensorConfig>> i2c = new TreeMap<>();
        Map<Integer, List<SpiBus>> spi = new TreeMap<>();
        for (SensorConfig s : wired) {
            if (s.bus().get() instanceof I2cBus b) {
                i2c.computeIfAbsent(b.bus(), k -> new ArrayList<>()).add(s);
            } else if (s.bus().get() instanceof SpiBus b) {
                spi.computeIfAbsent(b.bus(), k -> new ArrayList<>()).add(b);
            }
        }
        i2c.forEach((bus, sensors) -> {
            String who = sensors.stream()
                    .map(s -> s.id() + " (" + s.driver().chipName() + " at "
                            + I2cBus.hex(((I2cBus) s.bus().get()).address()) + ")")
                    .collect(Collectors.joining(", "));
            if (bus == Defaults.I2C_HARDWARE_BUS) {
                out.add(new Line("dtparam=i2c_arm=on", "hardware I2C bus 1 on GPIO 2/3 for " + who));
                out.add(new Line(
                        "dtparam=i2c_arm_baudrate=" + Defaults.I2C_BAUDRATE_HZ,
                        "100 kHz standard mode: every supported chip handles it, and so do longer cables"));
            } else {
                I2cBus b = (I2cBus) sensors.get(0).bus().get();
                out.add(new Line(
                        "dtoverlay=i2c-gpio,bus=" + bus + ",i2c_gpio_sda=" + b.sda() + ",i2c_gpio_scl=" + b.scl()
                                + ",i2c_gpio_delay_us=2",
                        "software I2C bus " + bus + " (about 100 kHz) for " + who
                                + ": it waits for clock stretching, which the hardware bus aborts after 35 ms"));
            }
        });
        spi.forEach((bus, chips) -> {
            String who = chips.stream()
                    .map(c -> "CE" + c.chipSelect())
                    .distinct()
                    .sorted()
                    .collect(Collectors.joining(", "));
            if (bus == 0) {
                out.add(new Line("dtparam=spi=on", "SPI0 on GPIO 9/10/11 with chip selects " + who));
            } else {
                int lines = chips.stream().mapToInt(SpiBus::chipSelect).max().orElse(0) + 1;
                out.add(new Line(
                        "dtoverlay=spi1-" + lines + "cs",
                        "auxiliary SPI1 on GPIO 19/20/21 with " + lines + " chip select line" + (lines == 1 ? "" : "s")
                                + " (" + who + " in use)"));
            }
        });
        for (SensorConfig s : wired) {
            if (s.bus().get() instanceof GpioBus g) {
                out.add(new Line(
                        "gpio=" + g.data() + "=ip,pn", "HX711 '" + s.id() + "' DOUT: an input, the chip drives it"));
                out.add(new Line(
                        "gpio=" + g.clock() + "=op,dl",
                        "HX711 '" + s.id()
                                + "' PD_SCK low from power-on: held high for 60 us it powers the chip down"));
            }
        }
        OutputsConfig outputs = config.outputs();
        outputs.trafficLight()
                .ifPresent(t -> out.add(new Line(
                        "gpio=" + t.green() + "," + t.yellow() + "," + t.red() + "=op," + off(t.active()),
                        "traffic light (green, yellow, red) off until the agent sets it")));
        outputs.buzzer()
                .ifPresent(b ->
                        out.add(new Line("gpio=" + b.pin() + "=op," + off(b.active()), "buzzer silent from power-on")));
        return out;
    }

    /** The lines as a config.txt fragment, each preceded by its reason as a comment. */
    public static String render(GatewayConfig config) {
        StringBuilder sb = new StringBuilder();
        sb.append("# /boot/firmware/config.txt lines for gateway ")
                .append(config.id())
                .append('\n');
        sb.append("# generated by firmware-config boot-config; add under [all] and reboot\n");
        List<Line> lines = lines(config);
        if (lines.isEmpty()) {
            sb.append("# nothing to add: no sensor uses real hardware and there are no outputs\n");
        }
        for (Line l : lines) {
            sb.append("# ").append(l.why()).append('\n').append(l.text()).append('\n');
        }
        long virtual = config.sensors().stream()
                .filter(s -> !(s.source() instanceof SourceConfig.Hardware))
                .count();
        if (virtual > 0) {
            sb.append("# ")
                    .append(virtual)
                    .append(" simulated or replayed sensor")
                    .append(virtual == 1 ? "" : "s")
                    .append(" need no boot configuration\n");
        }
        return sb.toString();
    }

    private static String off(ActiveLevel level) {
        return level == ActiveLevel.HIGH ? "dl" : "dh";
    }
}
