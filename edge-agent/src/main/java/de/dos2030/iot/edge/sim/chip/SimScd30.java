package de.dos2030.iot.edge.sim.chip;

import static de.dos2030.iot.edge.sensor.scd30.Scd30Constants.*;

import de.dos2030.iot.edge.port.BusAddress;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.sim.ChipFaults;
import de.dos2030.iot.edge.sim.EnvironmentSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A simulated SCD30 at command level: continuous measurement at its interval (2 s by default)
 * from the {@link EnvironmentSignal}, data-ready flag, CO2/T/RH as IEEE-754 floats in CRC'd words,
 * the interval, temperature offset (0.01 degC ticks) and altitude as get/set commands kept as in
 * its non-volatile memory ({@link #nonVolatileWrites()} counts the writes), firmware version.
 *
 * <p>Its two bus habits: no repeated start (a write-read transaction is refused, the driver must
 * write, STOP, then read), and clock stretching: while a measurement runs (the last
 * {@link #MEASURING} before each result) the chip holds SCL until it is done, up to 150 ms.
 * On the virtual clock the transaction still takes no time; the bus compares the stretch with
 * its controller's timeout, so on the Pi's hardware I2C (35 ms) such a transaction times out.
 *
 * <p>Compensation: the element reads the air temperature plus {@link #selfHeating} (0 by default)
 * minus the offset; CO2 is scaled by the air's pressure over the pressure the chip assumes (the
 * start argument in mbar, else the standard atmosphere at its altitude).
 */
public final class SimScd30 extends SensirionSimChip {

    /** How long before each result the chip's own measurement keeps it busy (and stretching). */
    public static final Duration MEASURING = MAX_CLOCK_STRETCH;

    private final EnvironmentSignal air;
    private final int firmware;
    private int intervalS = MIN_INTERVAL_S;
    private int offsetTicks;
    private int altitudeM;
    private int pressureMbar;
    private double selfHeatingC;
    private double slowBy;
    private int nonVolatileWrites;
    private Instant since;
    private long read;
    private float[] last = {0, 0, 0};
    private Float co2Override;
    private Duration lastStretch = Duration.ZERO;

    /** @param firmware version word, {@code 0x0342} for 3.66; another major simulates a wrong chip */
    public SimScd30(Clock clock, ChipFaults faults, BusAddress.I2c where, EnvironmentSignal air, int firmware) {
        super(clock, faults, where);
        this.air = air;
        this.firmware = firmware;
    }

    public SimScd30(Clock clock, ChipFaults faults, BusAddress.I2c where, EnvironmentSignal air) {
        this(clock, faults, where, air, 0x0342);
    }

    @Override
    public String name() {
        return "SCD30";
    }

    public synchronized SimScd30 selfHeating(double celsius) {
        selfHeatingC = celsius;
        return this;
    }

    /**
     * Lets the chip's own oscillator run slow by {@code fraction}: each measurement cycle takes that
     * much longer than the set interval, so a driver asking on its own clock finds no data now
     * and then (real chips drift by some per cent).
     */
    public synchronized SimScd30 oscillatorSlowBy(double fraction) {
        slowBy = fraction;
        return this;
    }

    /** Makes the chip report this CO2 value (0 or NaN: what a confused chip says) instead of the air's; null to stop. */
    public synchronized SimScd30 reportCo2(Float ppm) {
        co2Override = ppm;
        return this;
    }

    public synchronized int intervalS() {
        return intervalS;
    }

    public synchronized double temperatureOffsetC() {
        return offsetTicks / 100.0;
    }

    public synchronized int altitudeM() {
        return altitudeM;
    }

    public synchronized int nonVolatileWrites() {
        return nonVolatileWrites;
    }

    @Override
    public synchronized Duration clockStretch() {
        Duration injected = faults.clockStretch();
        return injected.compareTo(lastStretch) > 0 ? injected : lastStretch;
    }

    @Override
    public synchronized void onWrite(byte[] data) throws BusException {
        lastStretch = stretchAt(clock.instant());
        super.onWrite(data);
    }

    @Override
    public synchronized void onRead(byte[] buffer) throws BusException {
        lastStretch = stretchAt(clock.instant());
        super.onRead(buffer);
    }

    @Override
    public void onWriteRead(byte[] data, byte[] buffer) throws BusException {
        throw new BusException(
                BusException.Kind.OTHER,
                where,
                "SCD30 does not support a repeated start: write the command, STOP, then read");
    }

    /** Until the end of the running measurement, if one runs now. */
    private Duration stretchAt(Instant now) {
        if (since == null) return Duration.ZERO;
        long periodNanos = cycleNanos();
        long intoPeriod = Duration.between(since, now).toNanos() % periodNanos;
        long untilResult = periodNanos - intoPeriod;
        return untilResult < MEASURING.toNanos() ? Duration.ofNanos(untilResult) : Duration.ZERO;
    }

    @Override
    protected void command(int command, int[] args, Instant now) throws BusException {
        switch (command) {
            case START_CONTINUOUS_MEASUREMENT -> {
                int p = argument(args);
                if (p != 0 && (p < 700 || p > 1400)) nack("ambient pressure " + p + " mbar outside 700-1400");
                pressureMbar = p;
                since = now;
                read = 0;
                busy(COMMAND_TIME, now);
            }
            case STOP_CONTINUOUS_MEASUREMENT -> {
                since = null;
                busy(COMMAND_TIME, now);
            }
            case MEASUREMENT_INTERVAL -> {
                if (args.length == 0) {
                    respond(COMMAND_TIME, now, intervalS);
                } else {
                    int s = argument(args);
                    if (s < MIN_INTERVAL_S || s > MAX_INTERVAL_S) nack("interval " + s + " s outside 2-1800");
                    intervalS = s;
                    nonVolatileWrites++;
                    if (since != null) since = now; // a new interval restarts the measurement cycle
                    busy(COMMAND_TIME, now);
                }
            }
            case TEMPERATURE_OFFSET -> {
                if (args.length == 0) {
                    respond(COMMAND_TIME, now, offsetTicks);
                } else {
                    offsetTicks = argument(args);
                    nonVolatileWrites++;
                    busy(COMMAND_TIME, now);
                }
            }
            case ALTITUDE_COMPENSATION -> {
                if (args.length == 0) {
                    respond(COMMAND_TIME, now, altitudeM);
                } else {
                    altitudeM = argument(args);
                    nonVolatileWrites++;
                    busy(COMMAND_TIME, now);
                }
            }
            case GET_DATA_READY -> respond(COMMAND_TIME, now, available(now) > read ? 1 : 0);
            case READ_MEASUREMENT -> {
                long n = available(now);
                if (n <= read) nack("no new measurement");
                read = n;
                respond(COMMAND_TIME, now, words(measure(since.plusNanos(cycleNanos() * n))));
            }
            case READ_FIRMWARE_VERSION -> respond(COMMAND_TIME, now, firmware);
            case AUTOMATIC_SELF_CALIBRATION -> {
                if (args.length == 0) respond(COMMAND_TIME, now, 0);
                else busy(COMMAND_TIME, now);
            }
            default -> nack(String.format("unknown command 0x%04X", command));
        }
    }

    private int argument(int[] args) throws BusException {
        if (args.length != 1) nack("expected one argument word, got " + args.length);
        return args[0];
    }

    private long available(Instant now) {
        if (since == null) return 0;
        return Duration.between(since, now).toNanos() / cycleNanos();
    }

    /** One measurement cycle on the chip's own oscillator. */
    private long cycleNanos() {
        return Math.round(intervalS * 1e9 * (1 + slowBy));
    }

    private float[] measure(Instant at) {
        if (!faults.stuck()) {
            double assumedHpa = pressureMbar != 0 ? pressureMbar : StandardAtmosphere.pressureHpa(altitudeM);
            float co2 = co2Override != null ? co2Override : (float) (air.co2Ppm(at) * air.pressureHpa(at) / assumedHpa);
            float t = (float) (air.temperatureC(at) + selfHeatingC - offsetTicks / 100.0);
            last = new float[] {co2, t, (float) air.relativeHumidityPercent(at)};
        }
        return last.clone();
    }

    private static int[] words(float[] values) {
        int[] w = new int[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            w[2 * i] = bits >>> 16;
            w[2 * i + 1] = bits & 0xFFFF;
        }
        return w;
    }
}
