package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.scd4x.Scd4xConstants.*;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sensor.scd4x.Scd4xConstants;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A simulated SCD40/SCD41 at command level: idle and periodic modes, a measurement every 5 s
 * (30 s low power) taken from the {@link EnvironmentSignal}, data-ready flag, serial number,
 * variant, self-test, and the datasheet rule that only four commands are accepted while measuring.
 *
 * <p>Compensation as on the chip: the element reads the air temperature plus its self-heating
 * ({@link #selfHeating}, by default the 4 degC the factory offset removes) and the chip subtracts
 * its temperature offset; the CO2 optics see the air's pressure and the chip corrects for the
 * pressure it assumes (set ambient pressure, else the standard atmosphere at its altitude, 0 m by
 * default). Humidity is reported as the air's (the chip's humidity correction is not modelled).
 */
public final class SimScd4x extends SensirionSimChip {

    private final EnvironmentSignal air;
    private final long serial;
    private final int variant;
    private boolean forceZeroCo2;
    private Instant periodicSince;
    private Duration interval;
    private long measurementsRead;
    private int[] last = {0, 0, 0};
    private double selfHeatingC = DEFAULT_TEMPERATURE_OFFSET_C;
    private int temperatureOffsetWord = temperatureOffsetWord(DEFAULT_TEMPERATURE_OFFSET_C);
    private int altitudeM;
    private int ambientPressureHpa;

    /** @param variant 0 = SCD40, 1 = SCD41 */
    public SimScd4x(
            Clock clock, ChipFaults faults, BusAddress.I2c where, EnvironmentSignal air, long serial, int variant) {
        super(clock, faults, where);
        this.air = air;
        this.serial = serial;
        this.variant = variant;
    }

    @Override
    public String name() {
        return variant == 0 ? "SCD40" : "SCD41";
    }

    /** How much warmer than the air the chip's element runs (mounting, enclosure). */
    public synchronized SimScd4x selfHeating(double celsius) {
        this.selfHeatingC = celsius;
        return this;
    }

    /** The temperature offset last set (degC). */
    public synchronized double temperatureOffsetC() {
        return Scd4xConstants.temperatureOffsetC(temperatureOffsetWord);
    }

    /** The altitude last set (m). */
    public synchronized int altitudeM() {
        return altitudeM;
    }

    /** Makes the chip report CO2 = 0, the datasheet's invalid value. */
    public SimScd4x reportZeroCo2(boolean zero) {
        this.forceZeroCo2 = zero;
        return this;
    }

    @Override
    protected void command(int command, int[] args, Instant now) throws BusException {
        boolean measuring = periodicSince != null;
        if (measuring
                && command != READ_MEASUREMENT
                && command != GET_DATA_READY_STATUS
                && command != STOP_PERIODIC_MEASUREMENT
                && command != SET_AMBIENT_PRESSURE) {
            nack(String.format("command 0x%04X not allowed during periodic measurement", command));
        }
        switch (command) {
            case START_PERIODIC_MEASUREMENT, START_LOW_POWER_PERIODIC_MEASUREMENT -> {
                periodicSince = now;
                interval = command == START_PERIODIC_MEASUREMENT ? PERIODIC_INTERVAL : LOW_POWER_INTERVAL;
                measurementsRead = 0;
                busy(Duration.ZERO, now);
            }
            case STOP_PERIODIC_MEASUREMENT -> {
                periodicSince = null;
                busy(STOP_TIME, now);
            }
            case GET_DATA_READY_STATUS ->
                respond(COMMAND_TIME, now, available(now) > measurementsRead ? 0x8006 : 0x8000);
            case READ_MEASUREMENT -> {
                long n = available(now);
                if (n <= measurementsRead) nack("no new measurement");
                measurementsRead = n;
                Instant at = periodicSince.plus(interval.multipliedBy(n));
                respond(COMMAND_TIME, now, measure(at));
            }
            case GET_SERIAL_NUMBER ->
                respond(
                        COMMAND_TIME,
                        now,
                        (int) (serial >> 32) & 0xFFFF,
                        (int) (serial >> 16) & 0xFFFF,
                        (int) serial & 0xFFFF);
            case GET_SENSOR_VARIANT -> respond(COMMAND_TIME, now, variant << 12);
            case PERFORM_SELF_TEST -> respond(SELF_TEST_TIME, now, faults.selfTestFails() ? 0x0004 : 0x0000);
            case SET_AMBIENT_PRESSURE -> {
                ambientPressureHpa = argument(args);
                busy(COMMAND_TIME, now);
            }
            case SET_TEMPERATURE_OFFSET -> {
                temperatureOffsetWord = argument(args);
                busy(COMMAND_TIME, now);
            }
            case SET_SENSOR_ALTITUDE -> {
                altitudeM = argument(args);
                busy(COMMAND_TIME, now);
            }
            case GET_TEMPERATURE_OFFSET -> respond(COMMAND_TIME, now, temperatureOffsetWord);
            case GET_SENSOR_ALTITUDE -> respond(COMMAND_TIME, now, altitudeM);
            case MEASURE_SINGLE_SHOT -> {
                if (variant == 0) nack("SCD40 has no single-shot mode");
                respond(SINGLE_SHOT_TIME, now, measure(now.plus(SINGLE_SHOT_TIME)));
            }
            case PERFORM_FORCED_RECALIBRATION -> respond(FRC_TIME, now, 0x8000);
            default -> nack(String.format("unknown command 0x%04X", command));
        }
    }

    private int argument(int[] args) throws BusException {
        if (args.length != 1) nack("expected one argument word, got " + args.length);
        return args[0];
    }

    private long available(Instant now) {
        if (periodicSince == null) return 0;
        return Duration.between(periodicSince, now).toMillis() / interval.toMillis();
    }

    private int[] measure(Instant at) {
        if (!faults.stuck()) {
            double assumedHpa =
                    ambientPressureHpa != 0 ? ambientPressureHpa : StandardAtmosphere.pressureHpa(altitudeM);
            int co2 = forceZeroCo2 ? 0 : clampWord(air.co2Ppm(at) * air.pressureHpa(at) / assumedHpa);
            double celsius =
                    air.temperatureC(at) + selfHeatingC - Scd4xConstants.temperatureOffsetC(temperatureOffsetWord);
            int t = clampWord((celsius + 45.0) * 65535.0 / 175.0);
            int rh = clampWord(air.relativeHumidityPercent(at) * 65535.0 / 100.0);
            last = new int[] {co2, t, rh};
        }
        return last.clone();
    }
}
