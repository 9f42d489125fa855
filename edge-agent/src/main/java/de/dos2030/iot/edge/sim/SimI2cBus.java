package de.dos2030.iot.edge.sim;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.I2cDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One simulated I2C bus: chips by address; an address nobody owns NACKs. A bus may have a
 * controller timeout ({@link #PI_HARDWARE_TIMEOUT} for the Pi's hardware controller): a chip
 * stretching the clock longer fails the transaction, which is why installs put the SCD30 on a
 * software {@code i2c-gpio} bus (no timeout).
 */
public final class SimI2cBus {

    /** The BCM2835/2711 hardware I2C controller gives up on clock stretching after about 35 ms. */
    public static final Duration PI_HARDWARE_TIMEOUT = Duration.ofMillis(35);

    private final int bus;
    private final Optional<Duration> stretchTimeout;
    private final Map<Integer, SimI2cChip> chips = new ConcurrentSkipListMap<>();

    public SimI2cBus(int bus, Optional<Duration> stretchTimeout) {
        this.bus = bus;
        this.stretchTimeout = stretchTimeout;
    }

    public int bus() {
        return bus;
    }

    public void attach(int address, SimI2cChip chip) {
        if (chips.putIfAbsent(address, chip) != null) {
            throw new IllegalStateException(String.format("i2c-%d 0x%02X already has a chip", bus, address));
        }
    }

    /** Addresses that acknowledge now, ascending. */
    public List<Integer> answering() {
        List<Integer> out = new ArrayList<>();
        chips.forEach((addr, chip) -> {
            if (!chip.faults().disconnected()) out.add(addr);
        });
        return out;
    }

    public I2cDevice device(int address) {
        BusAddress.I2c where = new BusAddress.I2c(bus, address);
        return new I2cDevice() {
            @Override
            public BusAddress.I2c address() {
                return where;
            }

            @Override
            public void write(byte[] data) throws BusException {
                chip(where).onWrite(data.clone());
                checkStretch(where);
            }

            @Override
            public void read(byte[] buffer) throws BusException {
                chip(where).onRead(buffer);
                checkStretch(where);
            }

            @Override
            public void writeRead(byte[] data, byte[] buffer) throws BusException {
                chip(where).onWriteRead(data.clone(), buffer);
                checkStretch(where);
            }
        };
    }

    private SimI2cChip chip(BusAddress.I2c where) throws BusException {
        SimI2cChip chip = chips.get(where.address());
        if (chip == null || chip.faults().disconnected()) {
            throw new BusException(BusException.Kind.NO_ACKNOWLEDGE, where, "Remote I/O error (no ACK)");
        }
        return chip;
    }

    private void checkStretch(BusAddress.I2c where) throws BusException {
        SimI2cChip chip = chips.get(where.address());
        Duration stretch = chip.clockStretch();
        if (stretchTimeout.isPresent() && stretch.compareTo(stretchTimeout.get()) > 0) {
            throw new BusException(
                    BusException.Kind.TIMEOUT,
                    where,
                    "clock stretched " + stretch.toMillis()
                            + " ms, controller timeout " + stretchTimeout.get().toMillis()
                            + " ms: put this chip on a software i2c-gpio bus (dtoverlay=i2c-gpio)");
        }
    }
}
