package de.dos2030.iot.config.model;

import de.dos2030.iot.model.ClassroomGuidance;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import java.time.Duration;
import java.util.Optional;

/**
 * Every default of the gateway file, defined once. The loader fills omitted keys from here, the
 * JSON Schema publishes these values as {@code default}, and {@code explain} shows them.
 */
public final class Defaults {

    private Defaults() {}

    // site
    /** Where local days are days when a site names no time zone: the programme's cities. */
    public static final java.time.ZoneId TIME_ZONE = java.time.ZoneId.of("Europe/Berlin");

    // uplink
    public static final int BATCH_MAX_READINGS = 500;
    public static final Duration BATCH_MAX_AGE = Duration.ofSeconds(10);
    public static final AlertDelivery ALERT_DELIVERY = AlertDelivery.PRIORITY;
    /** How long the gateway waits for the collector's "stored" answer before it re-sends. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    // outbox
    public static final long OUTBOX_MAX_BYTES = 64L * 1024 * 1024;
    public static final SyncPolicy OUTBOX_SYNC = SyncPolicy.EVERY_BATCH;
    public static final Duration OUTBOX_SYNC_INTERVAL = Duration.ofSeconds(1);
    public static final EvictionPolicy OUTBOX_EVICTION = EvictionPolicy.OLDEST_READINGS_FIRST;

    // fleet
    /** How often an HTTP/CoAP gateway asks for its desired state. */
    public static final Duration FLEET_PULL_INTERVAL = Duration.ofMinutes(5);
    /** How long a new configuration must prove itself before it is committed. */
    public static final Duration FLEET_APPLY_WATCH = Duration.ofMinutes(2);
    /** How long a new agent may take to report healthy. */
    public static final Duration FLEET_UPDATE_WATCH = Duration.ofMinutes(5);

    // buses
    /** The Pi's hardware I2C bus on GPIO 2 (SDA) and 3 (SCL). */
    public static final int I2C_HARDWARE_BUS = 1;
    /** Standard-mode I2C: every supported chip handles it, and long cables in a bridge box too. */
    public static final int I2C_BAUDRATE_HZ = 100_000;
    /** Bus number and pins of the software i2c-gpio bus the SCD30 needs (the overlay's own defaults). */
    public static final int I2C_SOFTWARE_BUS = 3;

    public static final int I2C_SOFTWARE_SDA = 23;
    public static final int I2C_SOFTWARE_SCL = 24;
    public static final int SPI_CLOCK_HZ = 1_000_000;

    // calibration and processing
    public static final double CALIBRATION_OFFSET = 0.0;
    public static final double CALIBRATION_SCALE = 1.0;
    /** Typical foil strain gauge. */
    public static final double GAUGE_FACTOR = 2.0;

    public static final double EXCITATION_VOLTS = 3.3;
    public static final int HAMPEL_HALF_WINDOW = 3;
    public static final double HAMPEL_THRESHOLD = 3.0;
    public static final JumpPer JUMP_PER = JumpPer.SECOND;
    public static final int MEDIAN_WINDOW = 5;
    /** The temperature a strain gauge was zeroed at, when the file does not say. */
    public static final double STRAIN_REFERENCE_TEMPERATURE = 20.0;
    /** Long enough to average out bridge vibration (modes above 0.5 Hz), short enough to follow a settling support. */
    public static final Duration TILT_LOW_PASS = Duration.ofSeconds(2);

    public static final Duration TILT_INTERVAL = Duration.ofSeconds(1);

    // modal tracking (bridges)
    /**
     * Window RMS (g) below which a tracked mode frequency is flagged suspect: above the ambient
     * vibration of a quiet span (the Munich test bridge: 5e-5 to 7e-5 g), below a crossing lorry.
     */
    public static final double MODE_EXCITATION_FLOOR_G = 1e-4;
    /** Peak over band median a mode's peak must reach before its frequency is sent (about 10 dB). */
    public static final double MODE_MIN_PEAK_QUALITY = 3.0;

    public static final ReplayRepeat REPLAY_REPEAT = ReplayRepeat.ONCE;
    public static final double REPLAY_SPEED = 1.0;
    public static final long SIMULATION_SEED = 1L;
    public static final ActiveLevel OUTPUT_ACTIVE_LEVEL = ActiveLevel.HIGH;

    // rules
    public static final double DEADBAND = 0.0;
    public static final Duration RAISE_AFTER = Duration.ZERO;
    /** Clear only after a minute back inside, so a value wobbling at the limit does not flap. */
    public static final Duration CLEAR_AFTER = Duration.ofMinutes(1);

    /** Features when the sensor has feature windows (the bridge habit), otherwise every raw sample. */
    public static SendPolicy send(java.util.List<FeatureWindow> features) {
        return features.isEmpty() ? SendPolicy.RAW : SendPolicy.FEATURES;
    }

    /**
     * The largest change per second a jump filter lets through when the file gives no
     * {@code max-jump}: beyond it the value is physically impossible for the quantity at a gateway
     * (a sensor glitch, a bit error), well above what real events do. Air does not warm by 2 degC in
     * a second; a breath straight into a CO2 sensor adds a few hundred ppm a second; weather moves
     * pressure by hPa per hour; a strained girder under a lorry changes by some hundred um/m in a
     * second. Acceleration and the vibration features jump by nature: no default.
     */
    public static Optional<Double> maxJumpPerSecond(Quantity quantity) {
        return switch (quantity) {
            case TEMPERATURE -> Optional.of(2.0);
            case RELATIVE_HUMIDITY -> Optional.of(10.0);
            case CO2 -> Optional.of(500.0);
            case AIR_PRESSURE -> Optional.of(5.0);
            case STRAIN -> Optional.of(5_000.0);
            case TILT -> Optional.of(5.0);
            default -> Optional.empty();
        };
    }

    /** How often a chip is sampled when the file names neither sample-interval nor sample-rate. */
    public static Sampling sampling(Driver driver) {
        return switch (driver) {
            case SCD41 -> Sampling.every(Duration.ofSeconds(5));
            case SCD30 -> Sampling.every(Duration.ofSeconds(2));
            case SHT4X, SHT3X, BME280 -> Sampling.every(Duration.ofSeconds(10));
            case ADXL345, ADXL355, ADS1115 -> Sampling.at(100);
            case SCL3300 -> Sampling.at(10);
            case HX711 -> Sampling.at(10);
        };
    }

    /**
     * The limits a rule takes when it names a quantity and no check at all, by kind of site:
     * classroom CO2 and room temperature from {@link ClassroomGuidance}. Bridges have none: strain and tilt limits come from each asset's design.
     */
    public static Optional<Thresholds> limits(SiteKind kind, Quantity quantity) {
        if (kind != SiteKind.SCHOOL) {
            return Optional.empty();
        }
        return switch (quantity) {
            case CO2 ->
                Optional.of(new Thresholds(
                        Optional.of(ClassroomGuidance.CO2_AIR_PPM),
                        Optional.of(ClassroomGuidance.CO2_AIR_NOW_PPM),
                        Optional.empty(),
                        Optional.empty(),
                        100.0,
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(5)));
            case TEMPERATURE ->
                Optional.of(new Thresholds(
                        Optional.of(ClassroomGuidance.TEMPERATURE_SHOULD_ACT_DEGC),
                        Optional.of(ClassroomGuidance.TEMPERATURE_MUST_ACT_DEGC),
                        Optional.empty(),
                        Optional.empty(),
                        0.5,
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10)));
            default -> Optional.empty();
        };
    }
}
