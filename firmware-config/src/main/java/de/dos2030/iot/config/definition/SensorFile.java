package de.dos2030.iot.config.definition;

import de.dos2030.iot.config.model.Defaults;
import de.dos2030.iot.config.model.Driver;
import de.dos2030.iot.config.model.FilterConfig;
import de.dos2030.iot.config.model.I2cBus;
import de.dos2030.iot.config.model.JumpPer;
import de.dos2030.iot.config.model.ModeBand;
import de.dos2030.iot.config.model.ModeTracking;
import de.dos2030.iot.config.model.ReplayRepeat;
import de.dos2030.iot.config.model.Scenario;
import de.dos2030.iot.config.model.SendPolicy;
import de.dos2030.iot.config.model.SpiBus;
import de.dos2030.iot.config.model.StiffnessLoss;
import de.dos2030.iot.config.model.TemperatureCompensation;
import de.dos2030.iot.model.Quantity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The declarations of one entry under {@code sensors:}; part of {@link GatewayFile}. */
public final class SensorFile {

    private SensorFile() {}

    /** source: hardware | simulated | replay */
    public static final class Source {
        public static final Section HARDWARE =
                new Section("source-hardware", "The real chip", UnionType.kindKey("hardware", "Read the real chip"));
        public static final Key<Scenario> SCENARIO = Key.required(
                "scenario",
                new Scalars.EnumType<>(Scenario.class, Scenario::wireName),
                "Physical signal model driving the fake chip");
        public static final Key<Integer> SEED = Key.withDefault(
                "seed",
                Numbers.Int.range(0, Integer.MAX_VALUE),
                (int) Defaults.SIMULATION_SEED,
                "Random seed; the same seed gives the same signal");
        public static final Key<String> DAMAGE = Key.optional(
                "damage",
                Scalars.Text.matching(StiffnessLoss.TEXT, "a stiffness loss", StiffnessLoss.ALLOWED),
                "Simulated bridges: stiffness lost by modes, e.g. f1:3% (frequency about 1.5 % lower)");
        public static final Section SIMULATED = new Section(
                "source-simulated",
                "A register-level fake chip at the configured address",
                UnionType.kindKey("simulated", "Simulate the chip"),
                SCENARIO,
                SEED,
                DAMAGE);
        public static final Key<Path> FILE = Key.required(
                "file", new Scalars.PathType("a data file"), "CSV file, optionally .gz; relative to this file");
        public static final Key<Map<Quantity, String>> COLUMNS = Key.required(
                "columns",
                new MapType<>(GatewayFile.QUANTITY, Scalars.Text.free(200), 1),
                "Header name of the column for each quantity");
        public static final Key<String> TIMESTAMP_COLUMN = Key.optional(
                "timestamp-column",
                Scalars.Text.free(200),
                "Header name of the time column; without it rows follow the sample rate");
        public static final Key<Double> SPEED = Key.withDefault(
                "speed",
                Numbers.Decimal.positive(1000, ""),
                Defaults.REPLAY_SPEED,
                "1 is real time, 10 is ten times faster");
        public static final Key<ReplayRepeat> REPEAT = Key.withDefault(
                "repeat",
                new Scalars.EnumType<>(ReplayRepeat.class, ReplayRepeat::wireName),
                Defaults.REPLAY_REPEAT,
                "At the end of the file");
        public static final Section REPLAY = new Section(
                "source-replay",
                "Recorded data replayed as samples",
                UnionType.kindKey("replay", "Replay a data file"),
                FILE,
                COLUMNS,
                TIMESTAMP_COLUMN,
                SPEED,
                REPEAT);
        public static final UnionType TYPE = new UnionType("source", List.of(HARDWARE, SIMULATED, REPLAY));
    }

    /** i2c:, spi:, gpio: */
    public static final class Bus {
        public static final Key<Integer> I2C_BUS = Key.withDefault(
                "bus",
                new Numbers.Int(1, 31, "an I2C bus", "1 (hardware) or 3-31 (software i2c-gpio)"),
                Defaults.I2C_HARDWARE_BUS,
                "I2C bus number");
        public static final Key<Integer> ADDRESS = Key.required(
                "address",
                new Numbers.Int(I2cBus.MIN_ADDRESS, I2cBus.MAX_ADDRESS, "a 7-bit I2C address", I2cBus.ADDRESS_ALLOWED),
                "7-bit address, e.g. 0x62");
        public static final Key<Integer> SDA = Key.optional("sda", GatewayFile.GPIO, "SDA GPIO of a software bus");
        public static final Key<Integer> SCL = Key.optional("scl", GatewayFile.GPIO, "SCL GPIO of a software bus");
        public static final Section I2C_SECTION = new Section("i2c", "I2C wiring", I2C_BUS, ADDRESS, SDA, SCL);
        public static final Key<Integer> SPI_BUS = Key.required("bus", Numbers.Int.range(0, 1), "SPI bus");
        public static final Key<Integer> CHIP_SELECT =
                Key.required("chip-select", Numbers.Int.range(0, 2), "Chip select line");
        public static final Key<Double> CLOCK = Key.withDefault(
                "clock", new Numbers.Frequency(SpiBus.MAX_CLOCK_HZ), (double) Defaults.SPI_CLOCK_HZ, "SPI clock");
        public static final Section SPI_SECTION = new Section("spi", "SPI wiring", SPI_BUS, CHIP_SELECT, CLOCK);
        public static final Key<Integer> DATA = Key.required("data", GatewayFile.GPIO, "Data GPIO (HX711 DOUT)");
        public static final Key<Integer> GPIO_CLOCK =
                Key.required("clock", GatewayFile.GPIO, "Clock GPIO (HX711 PD_SCK)");
        public static final Section GPIO_SECTION = new Section("gpio", "Bit-banged wiring", DATA, GPIO_CLOCK);
    }

    /** calibration: */
    public static final class Calibration {
        public static final Key<Double> OFFSET = Key.withDefault(
                "offset",
                Numbers.Decimal.any(""),
                Defaults.CALIBRATION_OFFSET,
                "Added to the primary quantity after scaling");
        public static final Key<Double> SCALE = Key.withDefault(
                "scale", Numbers.Decimal.any(""), Defaults.CALIBRATION_SCALE, "Multiplies the primary quantity");
        public static final Key<Double> GAUGE_FACTOR = Key.optional(
                "gauge-factor",
                Numbers.Decimal.positive(10, ""),
                "Strain gauge factor; default " + Defaults.GAUGE_FACTOR + " for strain chips");
        public static final Key<Double> EXCITATION = Key.optional(
                "excitation-voltage",
                Numbers.Decimal.positive(12, "V"),
                "Bridge excitation; default " + Defaults.EXCITATION_VOLTS + " V for strain chips");
        public static final Key<Double> TEMPERATURE_OFFSET = Key.optional(
                "temperature-offset",
                Numbers.Decimal.between(-20, 20, "degC"),
                "Self-heating correction of the temperature channel");
        public static final Key<Double> ALTITUDE = Key.optional(
                "altitude", Numbers.Decimal.between(-500, 9000, "m"), "Site altitude for pressure compensation");
        public static final Key<Double> COEFFICIENT = Key.required(
                "coefficient",
                Numbers.Decimal.between(
                        -TemperatureCompensation.MAX_COEFFICIENT,
                        TemperatureCompensation.MAX_COEFFICIENT,
                        "um/m per degC"),
                "Apparent strain of the gauge per degC, subtracted as coefficient * (T - reference)");
        public static final Key<String> TEMPERATURE_SOURCE =
                Key.optional("source", GatewayFile.ID, "Sensor whose temperature is used; default this sensor's own");
        public static final Key<Double> REFERENCE_TEMPERATURE = Key.withDefault(
                "reference-temperature",
                Numbers.Decimal.between(-60, 150, "degC"),
                Defaults.STRAIN_REFERENCE_TEMPERATURE,
                "Temperature at which the gauge reads true (was zeroed)");
        public static final Section COMPENSATION_SECTION = new Section(
                "temperature-compensation",
                "Strain gauge temperature compensation",
                COEFFICIENT,
                TEMPERATURE_SOURCE,
                REFERENCE_TEMPERATURE);
        public static final Key<Fields> TEMPERATURE_COMPENSATION = Key.optional(
                "temperature-compensation",
                COMPENSATION_SECTION,
                "Strain gauges: subtract the gauge's temperature response");
        public static final Section SECTION = new Section(
                "calibration",
                "Corrections",
                OFFSET,
                SCALE,
                GAUGE_FACTOR,
                EXCITATION,
                TEMPERATURE_OFFSET,
                ALTITUDE,
                TEMPERATURE_COMPENSATION);
    }

    /** filters: range | jump | hampel | median | ema */
    public static final class Filter {
        public static final Key<Quantity> QUANTITY =
                Key.optional("quantity", GatewayFile.QUANTITY, "Quantity filtered; default all of the sensor's");
        public static final Key<Double> MIN = Key.optional("min", Numbers.Decimal.any(""), "Lowest valid value");
        public static final Key<Double> MAX = Key.optional("max", Numbers.Decimal.any(""), "Highest valid value");
        public static final Key<Integer> WINDOW = Key.withDefault(
                "window", Numbers.Int.range(1, 50), Defaults.HAMPEL_HALF_WINDOW, "Samples on either side");
        public static final Key<Double> THRESHOLD = Key.withDefault(
                "threshold",
                Numbers.Decimal.positive(10, ""),
                Defaults.HAMPEL_THRESHOLD,
                "Scaled MADs from the median that make an outlier");
        public static final Key<Duration> TAU = Key.required("tau", GatewayFile.POSITIVE_DURATION, "Time constant");
        public static final Key<Double> MAX_JUMP = Key.optional(
                "max-jump",
                Numbers.Decimal.positive(1e12, ""),
                "Largest plausible change (in the quantity's unit) per second or per sample; default per quantity");
        public static final Key<JumpPer> PER = Key.withDefault(
                "per",
                new Scalars.EnumType<>(JumpPer.class, JumpPer::wireName),
                Defaults.JUMP_PER,
                "What max-jump is measured against");
        public static final Key<Integer> MEDIAN_WINDOW = Key.withDefault(
                "window",
                Numbers.Int.range(FilterConfig.Median.MIN_WINDOW, FilterConfig.Median.MAX_WINDOW),
                Defaults.MEDIAN_WINDOW,
                "Samples in the window (odd)");
        public static final UnionType TYPE = new UnionType(
                "filter",
                List.of(
                        new Section(
                                "filter-range",
                                "Marks values outside min/max (default plausible range) faulty",
                                UnionType.kindKey("range", "Range check"),
                                QUANTITY,
                                MIN,
                                MAX),
                        new Section(
                                "filter-jump",
                                "Marks values that changed faster than physically possible faulty",
                                UnionType.kindKey("jump", "Jump check"),
                                QUANTITY,
                                MAX_JUMP,
                                PER),
                        new Section(
                                "filter-hampel",
                                "Hampel outlier filter",
                                UnionType.kindKey("hampel", "Outlier filter"),
                                QUANTITY,
                                WINDOW,
                                THRESHOLD),
                        new Section(
                                "filter-median",
                                "Running median",
                                UnionType.kindKey("median", "Median filter"),
                                QUANTITY,
                                MEDIAN_WINDOW),
                        new Section(
                                "filter-ema",
                                "Exponential moving average",
                                UnionType.kindKey("ema", "Smoothing"),
                                QUANTITY,
                                TAU)));
    }

    public static final Key<Duration> LENGTH = Key.required("length", GatewayFile.POSITIVE_DURATION, "Window length");
    public static final Key<Integer> FFT_SIZE = Key.optional(
            "fft-size", Numbers.Int.range(64, 65_536), "FFT size (power of two) for the dominant frequency");
    public static final Section FEATURE =
            new Section("feature-window", "Features computed per window", LENGTH, FFT_SIZE);

    public static final Key<Duration> TILT_LOW_PASS = Key.withDefault(
            "low-pass",
            GatewayFile.POSITIVE_DURATION,
            Defaults.TILT_LOW_PASS,
            "Time constant of the low-pass that removes vibration from the angles");
    public static final Key<Duration> TILT_INTERVAL = Key.withDefault(
            "interval", GatewayFile.POSITIVE_DURATION, Defaults.TILT_INTERVAL, "Time between reported angles");
    public static final Section TILT_SECTION = new Section(
            "tilt",
            "Pitch and roll from the three acceleration axes" + " (sensor ids <id>-pitch and <id>-roll)",
            TILT_LOW_PASS,
            TILT_INTERVAL);

    /** modes: [{name: f1, band: 9.5-12 Hz}], excitation-floor, min-peak-quality (accelerometers with a spectrum). */
    public static final class Modes {
        public static final Key<String> NAME = Key.required(
                "name",
                Scalars.Text.matching(Pattern.compile("f[1-3]"), "a mode name", ModeBand.NAMES_ALLOWED),
                "Which vertical mode: f1 (fundamental), f2 or f3");
        public static final Key<double[]> BAND =
                Key.required("band", new BandType(), "Frequency band searched for the mode's peak, e.g. 9.5-12 Hz");
        public static final Section ENTRY = new Section("mode", "One tracked vertical mode", NAME, BAND);
        public static final Key<List<Fields>> LIST = Key.optional(
                "modes",
                new ListType<>(ENTRY, 1),
                "Bridges: track these modes' frequencies in each feature window with fft-size (at most 3)");
        public static final Key<Double> EXCITATION_FLOOR = Key.withDefault(
                "excitation-floor",
                Numbers.Decimal.positive(16, "g"),
                Defaults.MODE_EXCITATION_FLOOR_G,
                "Window RMS (g) below which a mode frequency is flagged suspect (ambient excitation only)");
        public static final Key<Double> MIN_PEAK_QUALITY = Key.withDefault(
                "min-peak-quality",
                Numbers.Decimal.between(ModeTracking.MIN_PEAK_QUALITY, 1e6, ""),
                Defaults.MODE_MIN_PEAK_QUALITY,
                "Peak over band median a mode needs before its frequency is sent");
    }

    public static final Key<String> ID = Key.required("id", GatewayFile.ID, "Sensor id, unique within the gateway");
    public static final Key<Driver> DRIVER =
            Key.required("driver", new Scalars.EnumType<>(Driver.class, Driver::wireName), "Chip driver");
    public static final Key<Fields> SOURCE =
            Key.optional("source", Source.TYPE, "Where values come from; default hardware");
    public static final Key<Fields> I2C = Key.optional("i2c", Bus.I2C_SECTION, "I2C wiring");
    public static final Key<Fields> SPI = Key.optional("spi", Bus.SPI_SECTION, "SPI wiring");
    public static final Key<Fields> GPIO = Key.optional("gpio", Bus.GPIO_SECTION, "GPIO wiring");
    public static final Key<Duration> SAMPLE_INTERVAL =
            Key.optional("sample-interval", GatewayFile.POSITIVE_DURATION, "Time between samples; default per driver");
    public static final Key<Double> SAMPLE_RATE =
            Key.optional("sample-rate", new Numbers.Frequency(10_000), "Samples per second; default per driver");
    public static final Key<Fields> CALIBRATION = Key.optional("calibration", Calibration.SECTION, "Calibration");
    public static final Key<List<Fields>> FILTERS =
            Key.optional("filters", new ListType<>(Filter.TYPE, 0), "Filter chain, applied in order");
    public static final Key<List<Fields>> FEATURES =
            Key.optional("features", new ListType<>(FEATURE, 0), "Feature windows");
    public static final Key<List<Fields>> RULES =
            Key.optional("rules", new ListType<>(GatewayFile.Rule.SECTION, 0), "Alarm rules");
    public static final Key<SendPolicy> SEND = Key.optional(
            "send",
            new Scalars.EnumType<>(SendPolicy.class, SendPolicy::wireName),
            "Sent upstream: raw samples, window features (raw samples only while an alert is"
                    + " active), or both; default features with feature windows, else raw");
    public static final Key<Fields> TILT = Key.optional(
            "tilt", TILT_SECTION, "Accelerometers: derive tilt from the three axes (where no inclinometer is fitted)");
    public static final Key<String> ROOM =
            Key.optional("room", GatewayFile.ID, "Schools: id of the room (site.rooms) the sensor is in");
    public static final Key<String> BRIDGE_SECTION =
            Key.optional("section", GatewayFile.ID, "Bridges: id of the section (site.sections) the sensor is on");
    public static final Section SECTION = new Section(
                    "sensor",
                    "One sensor chip",
                    ID,
                    DRIVER,
                    SOURCE,
                    I2C,
                    SPI,
                    GPIO,
                    SAMPLE_INTERVAL,
                    SAMPLE_RATE,
                    CALIBRATION,
                    FILTERS,
                    FEATURES,
                    RULES,
                    SEND,
                    TILT,
                    ROOM,
                    BRIDGE_SECTION,
                    Modes.LIST,
                    Modes.EXCITATION_FLOOR,
                    Modes.MIN_PEAK_QUALITY,
                    Capture.KEY)
            .atMostOneOf(I2C, SPI, GPIO)
            .atMostOneOf(ROOM, BRIDGE_SECTION)
            .atMostOneOf(SAMPLE_INTERVAL, SAMPLE_RATE);

    /** capture: raw samples around alarms (accelerometers, strain gauges). */
    public static final class Capture {
        public static final Key<Duration> BEFORE = Key.required(
                "before", GatewayFile.POSITIVE_DURATION, "Raw samples kept from before the trigger (<= 120s)");
        public static final Key<Duration> AFTER =
                Key.required("after", GatewayFile.DURATION, "Raw samples taken after the trigger (<= 60s)");
        public static final Section SECTION = new Section(
                "capture",
                "Raw samples before and after a vibration, strain or tilt alarm raises, sent as one capture",
                BEFORE,
                AFTER);
        public static final Key<Fields> KEY = Key.optional(
                "capture", SECTION, "Accelerometers and strain gauges: send raw samples around each alarm");
    }
}
