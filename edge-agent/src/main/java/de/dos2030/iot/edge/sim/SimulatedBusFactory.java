package de.dos2030.iot.edge.sim;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.BusFactory;
import de.dos2030.iot.edge.port.GpioInput;
import de.dos2030.iot.edge.port.GpioOutput;
import de.dos2030.iot.edge.port.I2cDevice;
import de.dos2030.iot.edge.port.SpiDevice;
import de.dos2030.iot.edge.port.SpiRegisterFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated gateway: I2C buses with fake chips, SPI chip selects, and GPIO pins that remember
 * their level. Bus 1 behaves like the Pi's hardware controller (clock-stretch timeout); any other
 * bus number like a software {@code i2c-gpio} bus, unless configured with {@link #hardwareBus}.
 */
public final class SimulatedBusFactory implements BusFactory {

    private final Map<Integer, SimI2cBus> i2cBuses = new ConcurrentHashMap<>();
    private final Map<BusAddress.Spi, SimSpiChip> spiChips = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> pins = new ConcurrentHashMap<>();

    /** Declares bus {@code bus} as hardware I2C (35 ms clock-stretch timeout). Bus 1 is by default. */
    public SimulatedBusFactory hardwareBus(int bus) {
        i2cBuses.computeIfAbsent(bus, b -> new SimI2cBus(b, Optional.of(SimI2cBus.PI_HARDWARE_TIMEOUT)));
        return this;
    }

    public SimI2cBus i2cBus(int bus) {
        return i2cBuses.computeIfAbsent(
                bus,
                b -> new SimI2cBus(
                        b, b == 1 ? Optional.of(SimI2cBus.PI_HARDWARE_TIMEOUT) : Optional.<Duration>empty()));
    }

    public SimulatedBusFactory attach(BusAddress.I2c address, SimI2cChip chip) {
        i2cBus(address.bus()).attach(address.address(), chip);
        return this;
    }

    public SimulatedBusFactory attach(BusAddress.Spi address, SimSpiChip chip) {
        if (spiChips.putIfAbsent(address, chip) != null)
            throw new IllegalStateException(address + " already has a chip");
        return this;
    }

    /**
     * Attaches a register chip on SPI: the first byte of each transfer is decoded with the chip's
     * {@link SpiRegisterFormat} and turned into the register write or read the chip model handles.
     */
    public SimulatedBusFactory attach(BusAddress.Spi address, SimI2cChip chip, SpiRegisterFormat format) {
        return attach(address, new SimSpiChip() {
            @Override
            public String name() {
                return chip.name();
            }

            @Override
            public ChipFaults faults() {
                return chip.faults();
            }

            @Override
            public byte[] onTransfer(byte[] tx) throws BusException {
                int command = tx[0] & 0xFF;
                int register = format.register(command);
                byte[] rx = new byte[tx.length];
                if (format.isRead(command)) {
                    byte[] data = new byte[tx.length - 1];
                    chip.onWriteRead(new byte[] {(byte) register}, data);
                    System.arraycopy(data, 0, rx, 1, data.length);
                } else {
                    byte[] write = tx.clone();
                    write[0] = (byte) register;
                    chip.onWrite(write);
                }
                return rx;
            }
        });
    }

    @Override
    public I2cDevice i2c(BusAddress.I2c address) {
        return i2cBus(address.bus()).device(address.address());
    }

    @Override
    public SpiDevice spi(BusAddress.Spi address, int clockHz, int mode) {
        return new SpiDevice() {
            @Override
            public BusAddress.Spi address() {
                return address;
            }

            @Override
            public byte[] transfer(byte[] tx) throws BusException {
                SimSpiChip chip = spiChips.get(address);
                if (chip == null || chip.faults().disconnected()) {
                    return new byte[tx.length]; // nobody drives MISO: it reads as zeros
                }
                byte[] rx = chip.onTransfer(tx.clone());
                if (rx.length != tx.length)
                    throw new IllegalStateException(chip.name() + " answered " + rx.length + " bytes to " + tx.length);
                return rx;
            }
        };
    }

    @Override
    public GpioOutput gpioOutput(int pin) {
        pins.putIfAbsent(pin, false);
        return new GpioOutput() {
            @Override
            public int pin() {
                return pin;
            }

            @Override
            public void set(boolean high) {
                pins.put(pin, high);
            }
        };
    }

    @Override
    public GpioInput gpioInput(int pin) {
        return new GpioInput() {
            @Override
            public int pin() {
                return pin;
            }

            @Override
            public boolean isHigh() {
                return pins.getOrDefault(pin, false);
            }
        };
    }

    /** Level of a pin as last set (for tests of local actions). */
    public boolean pinLevel(int pin) {
        return pins.getOrDefault(pin, false);
    }

    @Override
    public List<Integer> scanI2c(int bus) {
        return i2cBus(bus).answering();
    }

    @Override
    public void close() {}
}
