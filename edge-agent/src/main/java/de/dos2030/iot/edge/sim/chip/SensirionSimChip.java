package de.dos2030.iot.edge.sim.chip;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.sensirion.SensirionFrames;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.SimI2cChip;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * What the simulated Sensirion chips have in common: a command arrives, the chip is busy for the
 * command's execution time (and NACKs its address meanwhile, as the real chips do), then offers
 * its response words with CRCs once. Reading with no response pending NACKs as well.
 */
abstract class SensirionSimChip implements SimI2cChip {

    protected final Clock clock;
    protected final ChipFaults faults;
    protected final BusAddress.I2c where;
    private byte[] response;
    private Instant busyUntil = Instant.MIN;

    SensirionSimChip(Clock clock, ChipFaults faults, BusAddress.I2c where) {
        this.clock = clock;
        this.faults = faults;
        this.where = where;
    }

    @Override
    public ChipFaults faults() {
        return faults;
    }

    /** Handles one command; returns normally or NACKs via {@link #nack(String)}. */
    protected abstract void command(int command, int[] args, Instant now) throws BusException;

    /** Width of a command on the wire: 2 bytes (SCD, SHT3x) or 1 byte (SHT4x). */
    protected int commandBytes() {
        return 2;
    }

    @Override
    public synchronized void onWrite(byte[] data) throws BusException {
        Instant now = clock.instant();
        if (now.isBefore(busyUntil)) nack("busy executing the previous command");
        int n = commandBytes();
        if (data.length < n || (data.length - n) % 3 != 0) nack("malformed command of " + data.length + " bytes");
        int command = n == 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : data[0] & 0xFF;
        int[] args = new int[(data.length - n) / 3];
        for (int i = 0; i < args.length; i++) {
            int msb = data[n + 3 * i] & 0xFF;
            int lsb = data[n + 3 * i + 1] & 0xFF;
            if ((data[n + 3 * i + 2] & 0xFF) != de.dos2030.iot.edge.sensor.sensirion.SensirionCrc8.ofWord(msb, lsb)) {
                nack("argument CRC wrong"); // the real chips ignore such a command
            }
            args[i] = (msb << 8) | lsb;
        }
        response = null;
        command(command, args, now);
    }

    @Override
    public synchronized void onRead(byte[] buffer) throws BusException {
        Instant now = clock.instant();
        if (now.isBefore(busyUntil) || response == null) nack("no data to read");
        byte[] out = response;
        response = null;
        if (faults.corruptThisResponse() && out.length >= 3) out[2] ^= 0x5A;
        for (int i = 0; i < buffer.length; i++) buffer[i] = i < out.length ? out[i] : (byte) 0xFF;
    }

    /** The chip executes for {@code time}, then offers {@code words} (none: nothing to read). */
    protected void respond(Duration time, Instant now, int... words) {
        busyUntil = now.plus(time);
        response = words.length == 0 ? null : SensirionFrames.encodeWords(words);
    }

    protected void busy(Duration time, Instant now) {
        busyUntil = now.plus(time);
    }

    protected void nack(String why) throws BusException {
        throw new BusException(BusException.Kind.NO_ACKNOWLEDGE, where, name() + " NACK: " + why);
    }

    protected static int clampWord(double v) {
        return (int) Math.max(0, Math.min(65535, Math.round(v)));
    }
}
