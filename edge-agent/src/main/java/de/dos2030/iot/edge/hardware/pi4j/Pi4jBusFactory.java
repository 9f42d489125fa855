package de.dos2030.iot.edge.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiMode;
import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.BusFactory;
import de.dos2030.iot.edge.port.GpioInput;
import de.dos2030.iot.edge.port.GpioOutput;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.port.SpiDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Raspberry Pi: Pi4J 2 with the linuxfs providers for I2C and SPI ({@code /dev/i2c-N},
 * {@code /dev/spidevB.C}) and gpiod for GPIO, which works on a Pi 5 and without root. The only
 * class family that imports Pi4J. The Pi4J context is created on first use and shut down by
 * {@link #close()}.
 */
public final class Pi4jBusFactory implements BusFactory {

    private Context pi4j;

    private synchronized Context context() {
        if (pi4j == null) pi4j = Pi4J.newAutoContext();
        return pi4j;
    }

    /** True if this machine has the device node, i.e. a Pi with that bus enabled. */
    public static boolean hasI2cBus(int bus) {
        return Files.exists(Path.of("/dev/i2c-" + bus));
    }

    public static boolean hasSpiDevice(int bus, int chipSelect) {
        return Files.exists(Path.of("/dev/spidev" + bus + "." + chipSelect));
    }

    @Override
    public I2cDevice i2c(BusAddress.I2c address) throws BusException {
        if (!hasI2cBus(address.bus())) {
            throw new BusException(
                    BusException.Kind.OTHER,
                    address,
                    "/dev/i2c-" + address.bus()
                            + " does not exist: enable the bus (dtparam=i2c_arm=on or dtoverlay=i2c-gpio) in the boot config");
        }
        try {
            I2C i2c = context()
                    .create(I2C.newConfigBuilder(context())
                            .id("i2c-" + address.bus() + "-" + Integer.toHexString(address.address()))
                            .bus(address.bus())
                            .device(address.address())
                            .provider("linuxfs-i2c")
                            .build());
            return new Pi4jI2cDevice(i2c, address);
        } catch (RuntimeException e) {
            throw Pi4jErrors.classify(address, e);
        }
    }

    @Override
    public SpiDevice spi(BusAddress.Spi address, int clockHz, int mode) throws BusException {
        if (!hasSpiDevice(address.bus(), address.chipSelect())) {
            throw new BusException(
                    BusException.Kind.OTHER,
                    address,
                    "/dev/spidev" + address.bus() + "." + address.chipSelect()
                            + " does not exist: enable SPI (dtparam=spi=on) in the boot config");
        }
        try {
            Spi spi = context()
                    .create(Spi.newConfigBuilder(context())
                            .id("spi-" + address.bus() + "-" + address.chipSelect())
                            .bus(address.bus())
                            .channel(address.chipSelect())
                            .baud(clockHz)
                            .mode(SpiMode.getByNumber(mode))
                            .provider("linuxfs-spi")
                            .build());
            return new Pi4jSpiDevice(spi, address);
        } catch (RuntimeException e) {
            throw Pi4jErrors.classify(address, e);
        }
    }

    @Override
    public GpioOutput gpioOutput(int pin) throws BusException {
        try {
            DigitalOutput out = context()
                    .create(DigitalOutput.newConfigBuilder(context())
                            .id("gpio-out-" + pin)
                            .address(pin)
                            .initial(DigitalState.LOW)
                            .shutdown(DigitalState.LOW)
                            .provider("gpiod-digital-output")
                            .build());
            return new GpioOutput() {
                @Override
                public int pin() {
                    return pin;
                }

                @Override
                public void set(boolean high) {
                    out.state(high ? DigitalState.HIGH : DigitalState.LOW);
                }
            };
        } catch (RuntimeException e) {
            throw Pi4jErrors.classify(new BusAddress.Gpio(pin), e);
        }
    }

    @Override
    public GpioInput gpioInput(int pin) throws BusException {
        try {
            DigitalInput in = context()
                    .create(DigitalInput.newConfigBuilder(context())
                            .id("gpio-in-" + pin)
                            .address(pin)
                            .pull(PullResistance.OFF)
                            .provider("gpiod-digital-input")
                            .build());
            return new GpioInput() {
                @Override
                public int pin() {
                    return pin;
                }

                @Override
                public boolean isHigh() {
                    return in.state() == DigitalState.HIGH;
                }
            };
        } catch (RuntimeException e) {
            throw Pi4jErrors.classify(new BusAddress.Gpio(pin), e);
        }
    }

    /**
     * Like {@code i2cdetect -r}: a one-byte read at each address 0x08..0x77. Reads are harmless for
     * the chips we use (command-style chips NACK or return 0xFF).
     */
    @Override
    public List<Integer> scanI2c(int bus) throws BusException {
        List<Integer> answering = new ArrayList<>();
        for (int address = 0x08; address <= 0x77; address++) {
            BusAddress.I2c where = new BusAddress.I2c(bus, address);
            I2cDevice device = i2c(where);
            try {
                device.read(new byte[1]);
                answering.add(address);
            } catch (BusException e) {
                if (e.kind() != BusException.Kind.NO_ACKNOWLEDGE) throw e;
            } finally {
                ((Pi4jI2cDevice) device).close();
            }
        }
        return answering;
    }

    @Override
    public synchronized void close() {
        if (pi4j != null) {
            pi4j.shutdown();
            pi4j = null;
        }
    }
}
