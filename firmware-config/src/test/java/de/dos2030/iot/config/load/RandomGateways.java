package de.dos2030.iot.config.load;

import de.dos2030.iot.config.TestFiles;
import de.dos2030.iot.config.model.*;
import de.dos2030.iot.model.LocationKind;
import de.dos2030.iot.model.Quantity;
import de.dos2030.iot.model.SiteKind;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Builds random but valid gateway configs: any subset of non-clashing wiring slots, random
 * sources, sampling within each chip's limit, calibration that fits the chip, filters, windows
 * and rules with ordered limits and a deadband narrower than their gaps, and tricky texts.
 */
final class RandomGateways {

    private record Slot(Driver driver, BusConfig bus) {}

    private static final List<Slot> SLOTS = List.of(
            new Slot(Driver.SCD41, I2cBus.hardware(0x62)),
            new Slot(Driver.SHT4X, I2cBus.hardware(0x44)),
            new Slot(Driver.BME280, I2cBus.hardware(0x77)),
            new Slot(Driver.ADS1115, I2cBus.hardware(0x49)),
            new Slot(Driver.SCD30, new I2cBus(3, 0x61, 23, 24)),
            new Slot(Driver.ADXL355, new SpiBus(0, 0, 4_000_000)),
            new Slot(Driver.SCL3300, new SpiBus(0, 1, 2_000_000)),
            new Slot(Driver.ADXL345, new SpiBus(1, 2, 5_000_000)),
            new Slot(Driver.HX711, new GpioBus(5, 6)),
            new Slot(Driver.SHT3X, null));

    private static final String PRINTABLE =
            " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_:#,.'\"[]{}&*!|>%@`äöüßÄ";

    private final Random r;

    RandomGateways(Random random) {
        this.r = random;
    }

    GatewayConfig gateway() {
        String id = id();
        SiteKind kind = pick(SiteKind.values());
        SiteConfig site = new SiteConfig(
                id(),
                kind,
                text(),
                maybe(this::text),
                maybe(() -> new GeoPosition(r.nextDouble() * 180 - 90, r.nextDouble() * 360 - 180)),
                java.time.ZoneId.of(pick("Europe/Berlin", "UTC", "America/New_York", "Asia/Kolkata")),
                locations(kind));
        UplinkConfig uplink = new UplinkConfig(
                endpoint(pick("tcp", "ssl", "mqtt", "mqtts")),
                maybe(() -> endpoint(pick("coap", "coaps", "http", "https"))),
                new Batching(1 + r.nextInt(Batching.MAX_READINGS_LIMIT), positiveDuration()),
                pick(AlertDelivery.values()));
        SyncPolicy sync = pick(SyncPolicy.values());
        OutboxConfig outbox = new OutboxConfig(
                Path.of("/var/lib/dos-edge/outbox", id),
                OutboxConfig.MIN_BYTES + r.nextInt(Integer.MAX_VALUE),
                sync,
                sync == SyncPolicy.INTERVAL ? Optional.of(positiveDuration()) : Optional.empty(),
                pick(EvictionPolicy.values()));
        OutputsConfig outputs = new OutputsConfig(
                maybe(() -> new OutputsConfig.TrafficLight(17, 27, 22, pick(ActiveLevel.values()))),
                maybe(() -> new OutputsConfig.Buzzer(13, pick(ActiveLevel.values()))));
        List<Slot> slots = new ArrayList<>(SLOTS);
        Collections.shuffle(slots, r);
        List<SensorConfig> sensors = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(slots.size()); i++) {
            sensors.add(sensor("s" + i + "-" + id(), slots.get(i), kind, outputs));
        }
        compensateStrain(sensors);
        placeSensors(site, sensors);
        return new GatewayConfig(id, site, uplink, outbox, sensors, outputs);
    }

    /** None to three rooms or sections, with every optional field sometimes. */
    private List<LocationConfig> locations(SiteKind kind) {
        List<LocationConfig> out = new ArrayList<>();
        LocationKind lk = LocationKind.of(kind);
        for (int i = 0; i < r.nextInt(4); i++) {
            String name = text();
            out.add(new LocationConfig(
                    "l" + i + "-" + id(),
                    lk,
                    name.length() > 100 ? name.substring(0, 100) : name,
                    lk == LocationKind.ROOM ? maybe(() -> r.nextInt(20) - 2) : Optional.empty(),
                    lk == LocationKind.ROOM ? maybe(() -> "R" + r.nextInt(1000)) : Optional.empty(),
                    lk == LocationKind.SECTION ? maybe(() -> r.nextInt(100_000) / 10.0) : Optional.empty()));
        }
        return out;
    }

    /** Each sensor at one of the site's locations: named when the site has several, sometimes when one. */
    private void placeSensors(SiteConfig site, List<SensorConfig> sensors) {
        if (site.locations().isEmpty()) {
            return;
        }
        for (int i = 0; i < sensors.size(); i++) {
            if (site.locations().size() == 1 && r.nextBoolean()) {
                continue;
            }
            LocationConfig l = site.locations().get(r.nextInt(site.locations().size()));
            sensors.set(i, sensors.get(i).at(Optional.of(new LocationRef(l.kind(), l.id()))));
        }
    }

    /** Sometimes compensates a strain gauge with the temperature of a sensor that has one. */
    private void compensateStrain(List<SensorConfig> sensors) {
        List<String> thermometers = sensors.stream()
                .filter(s -> s.sampleQuantities().contains(Quantity.TEMPERATURE))
                .map(SensorConfig::id)
                .toList();
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig s = sensors.get(i);
            if (thermometers.isEmpty() || !s.sampleQuantities().contains(Quantity.STRAIN) || r.nextBoolean()) {
                continue;
            }
            Calibration c = s.calibration();
            Calibration compensated = new Calibration(
                    c.offset(),
                    c.scale(),
                    c.gaugeFactor(),
                    c.excitationVolts(),
                    c.temperatureOffset(),
                    c.altitude(),
                    Optional.of(new TemperatureCompensation(
                            r.nextDouble() * 40 - 20,
                            Optional.of(thermometers.get(r.nextInt(thermometers.size()))),
                            r.nextInt(400) / 10.0)));
            sensors.set(
                    i,
                    new SensorConfig(
                            s.id(),
                            s.driver(),
                            s.source(),
                            s.bus(),
                            s.sampling(),
                            compensated,
                            s.filters(),
                            s.features(),
                            s.rules(),
                            s.send(),
                            s.tilt()));
        }
    }

    private SensorConfig sensor(String id, Slot slot, SiteKind kind, OutputsConfig outputs) {
        Driver d = slot.driver();
        SourceConfig source;
        if (slot.bus() == null) {
            source = new SourceConfig.Replay(
                    TestFiles.SHARED_DATA
                            .resolve("uci-occupancy/datatraining.txt")
                            .toAbsolutePath()
                            .normalize(),
                    Map.of(Quantity.TEMPERATURE, "Temperature", Quantity.RELATIVE_HUMIDITY, "Humidity"),
                    maybe(() -> "date"),
                    0.5 + r.nextInt(200),
                    pick(ReplayRepeat.values()));
        } else if (r.nextBoolean()) {
            List<Scenario> fitting = Arrays.stream(Scenario.values())
                    .filter(s -> s.siteKind() == kind)
                    .toList();
            source = new SourceConfig.Simulated(fitting.get(r.nextInt(fitting.size())), r.nextInt(Integer.MAX_VALUE));
        } else {
            source = new SourceConfig.Hardware();
        }
        Sampling sampling = r.nextBoolean()
                ? Sampling.every(Duration.ofMillis((long) Math.ceil(1000 / d.maxRateHz()) + r.nextInt(600_000)))
                : Sampling.at(Math.max(0.01, Math.round(r.nextDouble() * d.maxRateHz() * 100) / 100.0));
        boolean strain = d.quantities().contains(Quantity.STRAIN);
        boolean pressure = d == Driver.SCD41 || d == Driver.SCD30 || d == Driver.BME280;
        Calibration calibration = new Calibration(
                r.nextGaussian(),
                0.5 + r.nextDouble(),
                strain ? Optional.of(1 + r.nextDouble()) : Optional.empty(),
                strain ? Optional.of(1 + r.nextDouble() * 5) : Optional.empty(),
                d.quantities().contains(Quantity.TEMPERATURE) ? maybe(() -> r.nextDouble() * 10 - 5) : Optional.empty(),
                pressure ? maybe(() -> (double) r.nextInt(2000)) : Optional.empty());
        List<Quantity> samples = new ArrayList<>(
                source instanceof SourceConfig.Replay rp ? rp.columns().keySet() : d.quantities());
        List<FilterConfig> filters = new ArrayList<>();
        for (int i = 0; i < r.nextInt(4); i++) {
            Optional<Quantity> q = maybe(() -> samples.get(r.nextInt(samples.size())));
            filters.add(
                    switch (r.nextInt(5)) {
                        case 0 ->
                            q.isPresent()
                                    ? new FilterConfig.Range(
                                            q,
                                            Optional.of(-r.nextDouble() * 10),
                                            Optional.of(r.nextDouble() * 10 + 0.1))
                                    : new FilterConfig.Range(q, Optional.empty(), Optional.empty());
                        case 1 -> new FilterConfig.Hampel(q, 1 + r.nextInt(50), 0.5 + r.nextDouble() * 9);
                        case 2 -> {
                            JumpPer per = pick(JumpPer.values());
                            boolean needsMax = per == JumpPer.SAMPLE
                                    || q.isPresent()
                                            && Defaults.maxJumpPerSecond(q.get())
                                                    .isEmpty();
                            Optional<Double> max = q.isPresent() && (needsMax || r.nextBoolean())
                                    ? Optional.of(0.001 + r.nextDouble() * 1000)
                                    : Optional.empty();
                            yield new FilterConfig.Jump(q, max, q.isEmpty() ? JumpPer.SECOND : per);
                        }
                        case 3 -> new FilterConfig.Median(q, 3 + 2 * r.nextInt(49));
                        default -> new FilterConfig.Ema(q, positiveDuration());
                    });
        }
        List<FeatureWindow> features = new ArrayList<>();
        if (r.nextBoolean()) {
            Duration length = Duration.ofSeconds(1 + r.nextInt(120));
            double held = sampling.hertz() * length.toSeconds();
            long largest = FeatureWindow.largestFft(sampling.hertz(), length);
            Optional<Integer> fft = d.measuresVibration() && held >= 64 && r.nextBoolean()
                    ? Optional.of((int) Math.min(
                            r.nextBoolean() ? largest : Long.highestOneBit((long) held), FeatureWindow.MAX_FFT))
                    : Optional.empty();
            features.add(new FeatureWindow(length, fft));
        }
        SensorConfig bare = new SensorConfig(
                id, d, source, Optional.ofNullable(slot.bus()), sampling, calibration, filters, features, List.of());
        List<Quantity> measured = new ArrayList<>(bare.measuredQuantities());
        List<RuleConfig> rules = new ArrayList<>();
        for (int i = 0; i < r.nextInt(3); i++) {
            rules.add(rule(id + "-r" + i, measured.get(r.nextInt(measured.size())), outputs));
        }
        SendPolicy send = features.isEmpty() ? SendPolicy.RAW : pick(SendPolicy.values());
        Optional<TiltConfig> tilt = d.measuresVibration()
                ? maybe(() -> new TiltConfig(positiveDuration(), positiveDuration()))
                : Optional.empty();
        return new SensorConfig(
                id,
                d,
                source,
                Optional.ofNullable(slot.bus()),
                sampling,
                calibration,
                filters,
                features,
                rules,
                send,
                tilt);
    }

    private RuleConfig rule(String id, Quantity q, OutputsConfig outputs) {
        double span = q.max() - q.min();
        double centre = q.min() + span * (0.3 + 0.4 * r.nextDouble());
        double gap = span * (0.001 + 0.05 * r.nextDouble());
        int mode = r.nextInt(4);
        Optional<Double> wa = mode == 0 || mode == 2 ? Optional.of(centre + gap) : Optional.empty();
        Optional<Double> ca = mode == 0 || mode == 2 ? maybe(() -> centre + 2 * gap) : Optional.empty();
        Optional<Double> wb = mode == 1 || mode == 2 ? maybe(() -> centre - gap) : Optional.empty();
        Optional<Double> cb = mode == 1 || mode == 2 ? Optional.of(centre - 2 * gap) : Optional.empty();
        Thresholds t = new Thresholds(
                wa,
                ca,
                wb,
                cb,
                gap * r.nextDouble() * 0.99,
                Duration.ofMillis(r.nextInt(600_000)),
                Duration.ofMillis(r.nextInt(600_000)));
        Optional<RateOfChange> roc = maybe(() -> new RateOfChange(r.nextDouble() * 100 + 0.001, positiveDuration()));
        Optional<Duration> flatline =
                mode == 3 && roc.isEmpty() ? Optional.of(positiveDuration()) : maybe(this::positiveDuration);
        List<Action> actions = new ArrayList<>();
        if (t.hasLimit() && outputs.trafficLight().isPresent() && r.nextBoolean()) {
            actions.add(Action.TRAFFIC_LIGHT);
        }
        if (t.hasLimit() && outputs.buzzer().isPresent() && r.nextBoolean()) {
            actions.add(Action.BUZZER);
        }
        return new RuleConfig(id, q, t, roc, flatline, maybe(this::positiveDuration), actions);
    }

    private Endpoint endpoint(String scheme) {
        return new Endpoint(
                URI.create(scheme + "://" + pick("127.0.0.1", "broker.dos2030.de", "[::1]") + ":"
                        + (1 + r.nextInt(65535))),
                r.nextBoolean() ? id() : text(),
                maybe(() -> Path.of("/etc/dos-edge", id())),
                positiveDuration(),
                scheme.equals("ssl") || scheme.equals("mqtts")
                        ? maybe(() -> Path.of("/etc/dos-edge", id() + ".pem"))
                        : Optional.empty());
    }

    private Duration positiveDuration() {
        long[] units = {1, 1000, 60_000, 3_600_000};
        return Duration.ofMillis(
                (1 + r.nextInt(500)) * units[r.nextInt(units.length)] + (r.nextBoolean() ? r.nextInt(999) : 0));
    }

    private String id() {
        StringBuilder sb = new StringBuilder().append((char) ('a' + r.nextInt(26)));
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789-";
        for (int i = 0; i < 1 + r.nextInt(20); i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private String text() {
        if (r.nextInt(4) == 0) {
            return pick("204", "true", "null", "yes", "0x62", "1e5", "~", "- item", "a: b", "#5", "10s");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1 + r.nextInt(30); i++) {
            sb.append(PRINTABLE.charAt(r.nextInt(PRINTABLE.length())));
        }
        String s = sb.toString();
        return s.isBlank() ? "x" + s : s;
    }

    private <T> Optional<T> maybe(java.util.function.Supplier<T> value) {
        return r.nextBoolean() ? Optional.of(value.get()) : Optional.empty();
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[r.nextInt(values.length)];
    }
}
