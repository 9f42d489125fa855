package de.dos2030.iot.config.explain;

import de.dos2030.iot.config.model.*;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A readable summary of a loaded gateway file for technicians: site, uplink, outbox, each sensor
 * with its wiring, sampling and rules (with the limits in force, defaults included), and outputs.
 */
public final class Explanation {

    private Explanation() {}

    public static String render(GatewayConfig c) {
        StringBuilder sb = new StringBuilder();
        SiteConfig site = c.site();
        line(
                sb,
                0,
                "Gateway " + c.id() + " at " + site.kind().wireName() + " '" + site.name() + "' (site " + site.id()
                        + ", time zone " + site.timeZone().getId() + ")");
        site.address().ifPresent(a -> line(sb, 1, "address: " + a));
        site.position().ifPresent(p -> line(sb, 1, "position: " + p.lat() + ", " + p.lon()));
        for (LocationConfig l : site.locations()) {
            line(
                    sb,
                    1,
                    l.kind().wireName() + " " + l.id() + ": " + l.name()
                            + l.floor().map(f -> ", floor " + f).orElse("")
                            + l.number().map(n -> ", number " + n).orElse("")
                            + l.at().map(a -> ", " + a + " m along the bridge").orElse(""));
        }
        UplinkConfig u = c.uplink();
        line(sb, 0, "Uplink");
        line(sb, 1, "primary:     " + endpoint(u.primary()));
        u.alternative().ifPresent(a -> line(sb, 1, "alternative: " + endpoint(a)));
        line(
                sb,
                1,
                "batches of up to " + u.batching().maxReadings() + " readings or "
                        + d(u.batching().maxAge()) + "; alerts "
                        + (u.alerts() == AlertDelivery.PRIORITY
                                ? "sent at once, ahead of the queue"
                                : "inside batches"));
        OutboxConfig o = c.outbox();
        line(sb, 0, "Outbox " + o.directory());
        line(
                sb,
                1,
                "at most " + bytes(o.maxBytes()) + ", sync "
                        + (o.sync() == SyncPolicy.INTERVAL
                                ? "every " + d(o.syncInterval().orElseThrow())
                                : "after every batch")
                        + ", when full: "
                        + o.evict().wireName());
        line(sb, 0, "Sensors (" + c.sensors().size() + ")");
        java.util.Map<String, LocationConfig> at = c.sensorLocations();
        for (SensorConfig s : c.sensors()) {
            sensor(sb, s);
            if (at.containsKey(s.id())) {
                line(
                        sb,
                        2,
                        "at " + at.get(s.id()).kind().wireName() + " "
                                + at.get(s.id()).id());
            }
        }
        line(sb, 0, "Outputs");
        if (c.outputs().trafficLight().isEmpty() && c.outputs().buzzer().isEmpty()) {
            line(sb, 1, "none");
        }
        c.outputs()
                .trafficLight()
                .ifPresent(t -> line(
                        sb,
                        1,
                        "traffic light: green GPIO " + t.green() + ", yellow GPIO " + t.yellow() + ", red GPIO "
                                + t.red() + " (active " + t.active().wireName() + ")"));
        c.outputs()
                .buzzer()
                .ifPresent(b -> line(
                        sb,
                        1,
                        "buzzer: GPIO " + b.pin() + " (active " + b.active().wireName() + ")"));
        return sb.toString();
    }

    private static void sensor(StringBuilder sb, SensorConfig s) {
        line(
                sb,
                1,
                s.id() + ": " + s.driver().chipName() + ", " + source(s.source()) + ", "
                        + s.bus().map(Explanation::bus).orElse("no wiring (replay)"));
        line(
                sb,
                2,
                "measures "
                        + s.measuredQuantities().stream()
                                .map(Quantity::wireName)
                                .collect(Collectors.joining(", ")) + "; samples " + sampling(s.sampling()));
        Calibration cal = s.calibration();
        List<String> calParts = new ArrayList<>();
        if (cal.scale() != 1 || cal.offset() != 0) {
            calParts.add(s.driver().primaryQuantity().wireName() + " * " + n(cal.scale()) + " + " + n(cal.offset()));
        }
        cal.gaugeFactor().ifPresent(g -> calParts.add("gauge factor " + n(g)));
        cal.excitationVolts().ifPresent(v -> calParts.add("excitation " + n(v) + " V"));
        cal.temperatureOffset().ifPresent(t -> calParts.add("temperature offset " + n(t) + " degC"));
        cal.altitude().ifPresent(a -> calParts.add("altitude " + n(a) + " m"));
        cal.temperatureCompensation()
                .ifPresent(t -> calParts.add("strain - " + n(t.coefficient()) + " um/m per degC * ("
                        + t.source().orElse(s.id()) + " temperature - " + n(t.reference()) + " degC)"));
        if (!calParts.isEmpty()) {
            line(sb, 2, "calibration: " + String.join(", ", calParts));
        }
        if (!s.filters().isEmpty()) {
            line(
                    sb,
                    2,
                    "filters: " + s.filters().stream().map(Explanation::filter).collect(Collectors.joining(" -> ")));
        }
        for (FeatureWindow w : s.features()) {
            line(
                    sb,
                    2,
                    "window " + d(w.length())
                            + w.fftSize()
                                    .map(n -> ", FFT " + n + " ("
                                            + n(Math.round(s.sampling().hertz() / n * 10000) / 10000.0)
                                            + " Hz resolution)")
                                    .orElse(""));
        }
        s.tilt()
                .ifPresent(t -> line(
                        sb,
                        2,
                        "tilt: " + String.join(" and ", TiltConfig.derivedIds(s.id())) + " every " + d(t.interval())
                                + " (low-pass " + d(t.lowPass()) + ")"));
        s.modes()
                .ifPresent(m -> line(
                        sb,
                        2,
                        "modes: "
                                + m.bands().stream()
                                        .map(b -> b.name() + " in " + b.bandText())
                                        .collect(Collectors.joining(", "))
                                + "; frequency sent at peak quality >= " + n(m.minPeakQuality())
                                + ", suspect below " + n(m.excitationFloorG()) + " g RMS"));
        line(
                sb,
                2,
                "sends "
                        + switch (s.send()) {
                            case RAW -> "raw samples";
                            case FEATURES -> "window features; raw samples while an alert is active";
                            case BOTH -> "raw samples and window features";
                        });
        for (RuleConfig r : s.rules()) {
            line(sb, 2, "rule " + r.id() + " on " + r.quantity().wireName() + ": " + rule(r));
        }
    }

    private static String rule(RuleConfig r) {
        List<String> parts = new ArrayList<>();
        Thresholds t = r.thresholds();
        String unit = " " + r.quantity().unit();
        t.warningAbove().ifPresent(v -> parts.add("warning above " + n(v) + unit));
        t.criticalAbove().ifPresent(v -> parts.add("critical above " + n(v) + unit));
        t.warningBelow().ifPresent(v -> parts.add("warning below " + n(v) + unit));
        t.criticalBelow().ifPresent(v -> parts.add("critical below " + n(v) + unit));
        if (t.hasLimit()) {
            parts.add("deadband " + n(t.deadband()) + ", raise after " + d(t.raiseAfter()) + ", clear after "
                    + d(t.clearAfter()));
        }
        r.rateOfChange().ifPresent(c -> parts.add("change beyond " + n(c.limit()) + unit + " per " + d(c.per())));
        r.flatline().ifPresent(f -> parts.add("flatline for " + d(f)));
        r.noDataAfter().ifPresent(f -> parts.add("no data for " + d(f)));
        if (!r.actions().isEmpty()) {
            parts.add("drives " + r.actions().stream().map(Action::wireName).collect(Collectors.joining(", ")));
        }
        return String.join("; ", parts);
    }

    private static String endpoint(Endpoint e) {
        return e.protocol().wireName().toUpperCase() + (e.tls() ? " with TLS" : "") + " " + e.url() + ", client id "
                + e.clientId()
                + e.credentialsFile().map(f -> ", credentials " + f).orElse("") + ", ack timeout "
                + d(e.ackTimeout());
    }

    private static String source(SourceConfig s) {
        if (s instanceof SourceConfig.Simulated sim) {
            return "simulated (" + sim.scenario().wireName() + ", seed " + sim.seed()
                    + (sim.damage().isEmpty() ? "" : ", stiffness lost " + StiffnessLoss.format(sim.damage())) + ")";
        }
        if (s instanceof SourceConfig.Replay r) {
            return "replay of " + r.file().getFileName() + " at " + n(r.speed()) + "x"
                    + (r.repeat() == ReplayRepeat.LOOP ? ", looping" : "") + " ("
                    + r.columns().entrySet().stream()
                            .map(e -> e.getKey().wireName() + " <- '" + e.getValue() + "'")
                            .collect(Collectors.joining(", "))
                    + ")";
        }
        return "hardware";
    }

    private static String bus(BusConfig b) {
        if (b instanceof I2cBus i) {
            return "i2c-" + i.bus() + " " + I2cBus.hex(i.address()) + " (SDA GPIO " + i.sda() + ", SCL GPIO " + i.scl()
                    + ")";
        }
        if (b instanceof SpiBus s) {
            return "spi" + s.bus() + " CE" + s.chipSelect() + " (GPIO " + s.chipSelectGpio() + ") at "
                    + hz(s.clockHz());
        }
        GpioBus g = (GpioBus) b;
        return "GPIO data " + g.data() + ", clock " + g.clock();
    }

    private static String filter(FilterConfig f) {
        String q = f.quantity().map(x -> " " + x.wireName()).orElse("");
        if (f instanceof FilterConfig.Range r) {
            return "range" + q
                    + (r.min().isPresent() || r.max().isPresent()
                            ? " [" + r.min().map(Explanation::n).orElse("") + ", "
                                    + r.max().map(Explanation::n).orElse("") + "]"
                            : " (plausible)");
        }
        if (f instanceof FilterConfig.Hampel h) {
            return "hampel" + q + " (+-" + h.halfWindow() + ", " + n(h.threshold()) + " MAD)";
        }
        if (f instanceof FilterConfig.Jump j) {
            return "jump" + q + " ("
                    + j.maxJump().map(m -> n(m) + " per " + j.per().wireName()).orElse("default per" + " quantity")
                    + ")";
        }
        if (f instanceof FilterConfig.Median m) {
            return "median" + q + " (" + m.window() + " samples)";
        }
        return "ema" + q + " (tau " + d(((FilterConfig.Ema) f).tau()) + ")";
    }

    private static String sampling(Sampling s) {
        return s instanceof Sampling.Interval i ? "every " + d(i.interval()) : "at " + hz(s.hertz());
    }

    private static String hz(double hz) {
        return hz >= 1e6 && hz % 1e5 == 0
                ? n(hz / 1e6) + " MHz"
                : hz >= 1e3 && hz % 100 == 0 ? n(hz / 1e3) + " kHz" : n(hz) + " Hz";
    }

    private static String bytes(long b) {
        return b % (1L << 20) == 0 ? (b >> 20) + " MiB" : b + " bytes";
    }

    private static String d(Duration d) {
        return DurationText.format(d);
    }

    private static String n(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder sb, int indent, String text) {
        sb.append("  ".repeat(indent)).append(text).append('\n');
    }
}
