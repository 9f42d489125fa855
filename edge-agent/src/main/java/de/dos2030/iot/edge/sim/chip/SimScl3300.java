package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.scl3300.Scl3300Constants.*;

import de.dos2030.iot.edge.sensor.scl3300.Scl3300Crc;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.InclinationSignal;
import de.dos2030.iot.edge.sim.SimSpiChip;
import java.time.Clock;

/**
 * A simulated SCL3300 speaking the off-frame SPI protocol: each transfer returns the answer to
 * the previous request with return status and CRC. After power-on or reset the return status
 * reads "error" until STATUS has been read (as on the chip, whose STATUS holds start-up flags);
 * a failing self-test keeps it there.
 */
public final class SimScl3300 implements SimSpiChip {

    private final Clock clock;
    private final ChipFaults faults;
    private final InclinationSignal signal;
    private final int whoAmI;
    private final double[] angles = new double[3];
    private int pending = -1;
    private boolean statusFlags = true;
    private boolean anglesEnabled;
    private int mode = 1;

    public SimScl3300(Clock clock, ChipFaults faults, InclinationSignal signal) {
        this(clock, faults, signal, WHOAMI);
    }

    public SimScl3300(Clock clock, ChipFaults faults, InclinationSignal signal, int whoAmI) {
        this.clock = clock;
        this.faults = faults;
        this.signal = signal;
        this.whoAmI = whoAmI;
    }

    @Override
    public String name() {
        return "SCL3300";
    }

    @Override
    public ChipFaults faults() {
        return faults;
    }

    @Override
    public synchronized byte[] onTransfer(byte[] tx) {
        int request = ((tx[0] & 0xFF) << 24) | ((tx[1] & 0xFF) << 16) | ((tx[2] & 0xFF) << 8) | (tx[3] & 0xFF);
        int answer = pending < 0 ? respond(0, 0, RS_STARTUP) : pending;
        boolean badCrc = Scl3300Crc.of(request) != (request & 0xFF);
        pending = badCrc ? respond((request >>> 26) & 0x1F, 0, RS_ERROR) : execute(request);
        if (faults.corruptThisResponse()) answer ^= 0x01;
        return new byte[] {(byte) (answer >>> 24), (byte) (answer >>> 16), (byte) (answer >>> 8), (byte) answer};
    }

    private int execute(int request) {
        boolean write = (request & 0x80000000) != 0;
        int address = (request >>> 26) & 0x1F;
        int data = (request >>> 8) & 0xFFFF;
        if (write) {
            if (address == ADDR_MODE && (data & 0x0020) != 0) { // SW reset
                statusFlags = true;
                anglesEnabled = false;
                mode = 1;
            } else if (address == ADDR_MODE) {
                mode = (data & 0x03) + 1;
            } else if (address == ADDR_ANG_CTRL) {
                anglesEnabled = data == 0x1F;
            }
            return respond(address, data, status());
        }
        int value = switch (address) {
            case ADDR_WHOAMI -> whoAmI;
            case ADDR_STATUS -> {
                int s = statusFlags ? 0x0012 : 0;
                if (faults.selfTestFails()) s |= 0x0100;
                statusFlags = false;
                yield s;
            }
            case ADDR_ANG_X, ADDR_ANG_Y, ADDR_ANG_Z -> {
                if (!anglesEnabled) yield 0;
                if (!faults.stuck()) signal.anglesDeg(clock.instant(), angles);
                double deg = angles[address - ADDR_ANG_X];
                yield (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(deg / DEG_PER_LSB)))
                        & 0xFFFF;
            }
            default -> 0;
        };
        return respond(address, value, address == ADDR_STATUS ? RS_NORMAL : status());
    }

    private int status() {
        return statusFlags || faults.selfTestFails() ? RS_ERROR : RS_NORMAL;
    }

    /** Mode the chip runs in (1..4): visible to tests. */
    public synchronized int mode() {
        return mode;
    }

    private static int respond(int address, int data, int rs) {
        int f = ((address & 0x1F) << 26) | (rs << 24) | (data & 0xFFFF) << 8;
        return f | Scl3300Crc.of(f);
    }
}
