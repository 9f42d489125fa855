package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.sht3x.Sht3xConstants.*;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A simulated SHT3x: two-byte commands, 15 ms single-shot conversion without clock stretching (NACK while converting). */
public final class SimSht3x extends SensirionSimChip {

    /** The datasheet's maximum for high repeatability. */
    static final Duration CONVERSION = Duration.ofMillis(15);

    private final EnvironmentSignal air;
    private final long serial;
    private int[] last = {0, 0};

    public SimSht3x(Clock clock, ChipFaults faults, BusAddress.I2c where, EnvironmentSignal air, long serial) {
        super(clock, faults, where);
        this.air = air;
        this.serial = serial;
    }

    @Override
    public String name() {
        return "SHT3x";
    }

    @Override
    protected void command(int command, int[] args, Instant now) throws BusException {
        switch (command) {
            case SOFT_RESET -> busy(Duration.ofNanos(1_500_000), now);
            case READ_SERIAL_NUMBER -> respond(SERIAL_TIME, now, (int) (serial >> 16) & 0xFFFF, (int) serial & 0xFFFF);
            case MEASURE_HIGH_REPEATABILITY -> {
                Instant done = now.plus(CONVERSION);
                if (!faults.stuck()) {
                    last = new int[] {
                        clampWord((air.temperatureC(done) + 45.0) * 65535.0 / 175.0),
                        clampWord(air.relativeHumidityPercent(done) * 65535.0 / 100.0)
                    };
                }
                respond(CONVERSION, now, last.clone());
            }
            default -> nack(String.format("unknown command 0x%04X", command));
        }
    }
}
