package de.dos2030.iot.edge.sensor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.dos2030.iot.edge.hardware.pi4j.Pi4jBusFactory;
import java.time.Clock;
import java.time.Duration;

/** The real Pi: aborts the test (skipped, not failed) where the bus device does not exist. */
public final class HardwareRig implements Rig {

    private final Pi4jBusFactory buses = new Pi4jBusFactory();

    public static HardwareRig requireI2c(int bus) {
        assumeTrue(Pi4jBusFactory.hasI2cBus(bus), "no /dev/i2c-" + bus + ": not on a Pi with this bus");
        return new HardwareRig();
    }

    public static HardwareRig requireSpi(int bus, int cs) {
        assumeTrue(Pi4jBusFactory.hasSpiDevice(bus, cs), "no /dev/spidev" + bus + "." + cs + ": not on a Pi with SPI");
        return new HardwareRig();
    }

    @Override
    public Pi4jBusFactory buses() {
        return buses;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void run(SensorScheduler scheduler, Duration duration) {
        scheduler.start();
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            scheduler.close();
        }
    }

    @Override
    public void close() {
        buses.close();
    }
}
