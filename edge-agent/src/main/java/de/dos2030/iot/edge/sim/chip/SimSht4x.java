package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.sht4x.Sht4xConstants.*;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import java.time.Clock;
import java.time.Instant;

/** A simulated SHT4x: one-byte commands, 8.3 ms high-precision conversion, NACK while converting. */
public final class SimSht4x extends SensirionSimChip {

    private final EnvironmentSignal air;
    private final long serial;
    private int[] last = {0, 0};

    public SimSht4x(Clock clock, ChipFaults faults, BusAddress.I2c where, EnvironmentSignal air, long serial) {
        super(clock, faults, where);
        this.air = air;
        this.serial = serial;
    }

    @Override
    public String name() {
        return "SHT4x";
    }

    @Override
    protected int commandBytes() {
        return 1;
    }

    @Override
    protected void command(int command, int[] args, Instant now) throws BusException {
        switch (command) {
            case SOFT_RESET -> busy(RESET_TIME, now);
            case READ_SERIAL_NUMBER -> respond(SERIAL_TIME, now, (int) (serial >> 16) & 0xFFFF, (int) serial & 0xFFFF);
            case MEASURE_HIGH_PRECISION -> {
                Instant done = now.plusNanos(8_300_000);
                if (!faults.stuck()) {
                    last = new int[] {
                        clampWord((air.temperatureC(done) + 45.0) * 65535.0 / 175.0),
                        clampWord((air.relativeHumidityPercent(done) + 6.0) * 65535.0 / 125.0)
                    };
                }
                respond(java.time.Duration.ofNanos(8_300_000), now, last.clone());
            }
            default -> nack(String.format("unknown command 0x%02X", command));
        }
    }
}
