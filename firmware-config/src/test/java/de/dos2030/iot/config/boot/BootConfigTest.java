package de.dos2030.iot.config.boot;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.config.load.GatewayConfigLoader;
import de.dos2030.iot.config.model.GatewayConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BootConfigTest {

    private static GatewayConfig load(String sensors, String outputs) throws Exception {
        String yaml = """
                id: boot-test
                site: {id: test-site, kind: school, name: Test, room: R1}
                uplink: {primary: {url: "tcp://127.0.0.1:11883"}}
                outbox: {directory: /tmp/outbox}
                sensors:
                """ + sensors + outputs;
        return GatewayConfigLoader.loadString(yaml, Path.of("."), "boot-test.yaml");
    }

    @Test
    void scd30GetsASoftwareI2cBusOverlayWithItsPins() throws Exception {
        GatewayConfig c = load("""
                  - {id: co2, driver: scd30, i2c: {bus: 3, address: 0x61}}
                """, "");
        assertThat(BootConfig.lines(c))
                .extracting(BootConfig.Line::text)
                .containsExactly("dtoverlay=i2c-gpio,bus=3,i2c_gpio_sda=23,i2c_gpio_scl=24,i2c_gpio_delay_us=2");
        assertThat(BootConfig.lines(c).get(0).why()).contains("clock stretching");
    }

    @Test
    void spi1ChipSelectsDecideTheOverlayAndHx711PinsAreSetUp() throws Exception {
        GatewayConfig c = load("""
                  - {id: vib, driver: adxl345, spi: {bus: 1, chip-select: 1}}
                  - {id: load, driver: hx711, gpio: {data: 5, clock: 6}}
                """, "");
        assertThat(BootConfig.lines(c))
                .extracting(BootConfig.Line::text)
                .containsExactly("dtoverlay=spi1-2cs", "gpio=5=ip,pn", "gpio=6=op,dl");
    }

    @Test
    void activeLowOutputsStartDrivenHighSoTheyStayOff() throws Exception {
        GatewayConfig c = load("""
                  - {id: air, driver: sht4x, i2c: {address: 0x44}}
                """, """
                outputs:
                  traffic-light: {green: 17, yellow: 27, red: 22, active: low}
                  buzzer: {pin: 13}
                """);
        assertThat(BootConfig.lines(c))
                .extracting(BootConfig.Line::text)
                .containsExactly(
                        "dtparam=i2c_arm=on",
                        "dtparam=i2c_arm_baudrate=100000",
                        "gpio=17,27,22=op,dh",
                        "gpio=13=op,dl");
    }

    @Test
    void simulatedSensorsNeedNoBootLines() throws Exception {
        GatewayConfig c = load("""
                  - {id: air, driver: scd41, source: {kind: simulated, scenario: classroom-aired}, i2c: {address: 0x62}}
                """, "");
        assertThat(BootConfig.lines(c)).isEmpty();
        assertThat(BootConfig.render(c)).contains("nothing to add", "1 simulated or replayed sensor need");
    }
}
