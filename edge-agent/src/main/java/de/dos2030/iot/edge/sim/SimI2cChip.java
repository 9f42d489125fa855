package de.dos2030.iot.edge.sim;

import de.dos2030.iot.edge.port.BusException;
import java.time.Duration;

/**
 * A simulated chip on an I2C bus, speaking its command or register protocol. A chip that does
 * not want to be addressed right now (busy converting) throws a {@code NO_ACKNOWLEDGE}
 * {@link BusException}, as the real ones NACK.
 */
public interface SimI2cChip {

    /** Chip name for messages, e.g. {@code SCD41}. */
    String name();

    /** Faults this chip is told to have. */
    ChipFaults faults();

    /**
     * How long the chip held SCL low in the transaction it just handled: an injected fault
     * ({@link ChipFaults#clockStretch}) or, for chips that stretch by nature (SCD30), their own.
     * On the virtual clock a transaction takes no time; the bus compares this with its timeout.
     */
    default Duration clockStretch() {
        return faults().clockStretch();
    }

    /** A write transaction addressed to the chip. */
    void onWrite(byte[] data) throws BusException;

    /** A read transaction: fill the buffer with what the chip clocks out. */
    void onRead(byte[] buffer) throws BusException;

    /**
     * Write then read with a repeated start. Register chips treat it as pointer write + read;
     * chips that need a STOP in between (SCD30) override this to refuse it.
     */
    default void onWriteRead(byte[] data, byte[] buffer) throws BusException {
        onWrite(data);
        onRead(buffer);
    }
}
