package de.dos2030.iot.config.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import de.dos2030.iot.config.definition.Fields;
import de.dos2030.iot.config.definition.GatewayFile.Fleet;
import de.dos2030.iot.config.definition.GatewayFile.Outbox;
import de.dos2030.iot.config.definition.GatewayFile.Outputs;
import de.dos2030.iot.config.definition.GatewayFile.Root;
import de.dos2030.iot.config.definition.GatewayFile.Rule;
import de.dos2030.iot.config.definition.GatewayFile.Site;
import de.dos2030.iot.config.definition.GatewayFile.Uplink;
import de.dos2030.iot.config.definition.SensorFile;
import de.dos2030.iot.config.definition.SensorFile.Bus;
import de.dos2030.iot.config.definition.SensorFile.Filter;
import de.dos2030.iot.config.definition.SensorFile.Source;
import de.dos2030.iot.config.model.*;
import de.dos2030.iot.model.LocationKind;
import java.io.IOException;
import java.util.List;

/**
 * Writes a {@link GatewayConfig} as a gateway file with every value explicit (defaults written
 * out, paths absolute), using the same key declarations as the loader, so that loading the
 * output gives an equal config. Used by tools that generate gateway files (and by the
 * round-trip property test). Stateless and thread-safe.
 */
public final class GatewayConfigWriter {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .stringQuotingChecker(new QuoteUnlessPlainText())
                    .build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    /**
     * Leaves a string unquoted only if the YAML parser reads it back as that same string: Jackson's
     * own check misses e.g. {@code 0x62} and {@code 1e5}, which would come back as numbers.
     */
    private static final class QuoteUnlessPlainText extends StringQuotingChecker.Default {
        private static final YAMLFactory PARSERS = new YAMLFactory();

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !readsBackAsText(value);
        }

        private static boolean readsBackAsText(String value) {
            try (JsonParser p = PARSERS.createParser(value)) {
                return p.nextToken() == JsonToken.VALUE_STRING && value.equals(p.getText()) && p.nextToken() == null;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private GatewayConfigWriter() {}

    public static String toYaml(GatewayConfig c) {
        Fields root = Fields.of(Root.SECTION)
                .put(Root.ID, c.id())
                .put(Root.SITE, site(c.site()))
                .put(Root.UPLINK, uplink(c.uplink()))
                .put(Root.OUTBOX, outbox(c.outbox()))
                .put(
                        Root.SENSORS,
                        c.sensors().stream().map(GatewayConfigWriter::sensor).toList())
                .put(Root.OUTPUTS, outputs(c.outputs()))
                .put(Root.FLEET, c.fleet().map(GatewayConfigWriter::fleet));
        try {
            return YAML.writeValueAsString(Root.SECTION.write(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps and lists always serialise", e);
        }
    }

    private static Fields site(SiteConfig s) {
        return Fields.of(Site.SECTION)
                .put(Site.ID, s.id())
                .put(Site.KIND, s.kind())
                .put(Site.NAME, s.name())
                .put(Site.ADDRESS, s.address())
                .put(
                        Site.POSITION,
                        s.position()
                                .map(p -> Fields.of(Site.POSITION_SECTION)
                                        .put(Site.LAT, p.lat())
                                        .put(Site.LON, p.lon())))
                .put(Site.TIME_ZONE, s.timeZone())
                .put(Site.ROOMS, locations(s, LocationKind.ROOM))
                .put(Site.SECTIONS, locations(s, LocationKind.SECTION));
    }

    /** The site's locations of one kind, or null (the key left out) when it has none. */
    private static List<Fields> locations(SiteConfig s, LocationKind kind) {
        List<Fields> out = s.locations().stream()
                .filter(l -> l.kind() == kind)
                .map(l -> Fields.of(kind == LocationKind.ROOM ? Site.ROOM_ENTRY : Site.BRIDGE_SECTION_ENTRY)
                        .put(Site.LOCATION_ID, l.id())
                        .put(Site.LOCATION_NAME, l.name())
                        .put(Site.FLOOR, l.floor())
                        .put(Site.NUMBER, l.number())
                        .put(Site.AT, l.at()))
                .toList();
        return out.isEmpty() ? null : out;
    }

    private static Fields uplink(UplinkConfig u) {
        return Fields.of(Uplink.SECTION)
                .put(Uplink.PRIMARY, endpoint(u.primary()))
                .put(Uplink.ALTERNATIVE, u.alternative().map(GatewayConfigWriter::endpoint))
                .put(
                        Uplink.BATCHING,
                        Fields.of(Uplink.BATCHING_SECTION)
                                .put(Uplink.MAX_READINGS, u.batching().maxReadings())
                                .put(Uplink.MAX_AGE, u.batching().maxAge()))
                .put(Uplink.ALERTS, u.alerts());
    }

    private static Fields endpoint(Endpoint e) {
        return Fields.of(Uplink.ENDPOINT)
                .put(Uplink.URL, e.url())
                .put(Uplink.CLIENT_ID, e.clientId())
                .put(Uplink.CREDENTIALS, e.credentialsFile())
                .put(Uplink.ACK_TIMEOUT, e.ackTimeout())
                .put(Uplink.CA_FILE, e.caFile());
    }

    private static Fields fleet(FleetConfig f) {
        return Fields.of(Fleet.SECTION)
                .put(Fleet.COLLECTOR_URL, f.collectorUrl())
                .put(Fleet.PULL_INTERVAL, f.pullInterval())
                .put(Fleet.APPLY_WATCH, f.applyWatch())
                .put(Fleet.RELEASE_KEY, f.releaseKey())
                .put(Fleet.UPDATE_WATCH, f.updateWatch());
    }

    private static Fields outbox(OutboxConfig o) {
        return Fields.of(Outbox.SECTION)
                .put(Outbox.DIRECTORY, o.directory())
                .put(Outbox.MAX_SIZE, o.maxBytes())
                .put(Outbox.SYNC, o.sync())
                .put(Outbox.SYNC_INTERVAL, o.syncInterval())
                .put(Outbox.EVICT, o.evict());
    }

    private static Fields outputs(OutputsConfig o) {
        return Fields.of(Outputs.SECTION)
                .put(
                        Outputs.TRAFFIC_LIGHT,
                        o.trafficLight()
                                .map(t -> Fields.of(Outputs.TRAFFIC_LIGHT_SECTION)
                                        .put(Outputs.GREEN, t.green())
                                        .put(Outputs.YELLOW, t.yellow())
                                        .put(Outputs.RED, t.red())
                                        .put(Outputs.ACTIVE_LEVEL, t.active())))
                .put(
                        Outputs.BUZZER,
                        o.buzzer()
                                .map(b -> Fields.of(Outputs.BUZZER_SECTION)
                                        .put(Outputs.PIN, b.pin())
                                        .put(Outputs.ACTIVE_LEVEL, b.active())));
    }

    private static Fields sensor(SensorConfig s) {
        Fields f = Fields.of(SensorFile.SECTION)
                .put(SensorFile.ID, s.id())
                .put(SensorFile.DRIVER, s.driver())
                .put(SensorFile.SOURCE, source(s.source()));
        s.bus().ifPresent(b -> {
            if (b instanceof I2cBus i) {
                f.put(
                        SensorFile.I2C,
                        Fields.of(Bus.I2C_SECTION)
                                .put(Bus.I2C_BUS, i.bus())
                                .put(Bus.ADDRESS, i.address())
                                .put(Bus.SDA, i.sda())
                                .put(Bus.SCL, i.scl()));
            } else if (b instanceof SpiBus p) {
                f.put(
                        SensorFile.SPI,
                        Fields.of(Bus.SPI_SECTION)
                                .put(Bus.SPI_BUS, p.bus())
                                .put(Bus.CHIP_SELECT, p.chipSelect())
                                .put(Bus.CLOCK, (double) p.clockHz()));
            } else if (b instanceof GpioBus g) {
                f.put(
                        SensorFile.GPIO,
                        Fields.of(Bus.GPIO_SECTION).put(Bus.DATA, g.data()).put(Bus.GPIO_CLOCK, g.clock()));
            }
        });
        if (s.sampling() instanceof Sampling.Interval i) {
            f.put(SensorFile.SAMPLE_INTERVAL, i.interval());
        } else {
            f.put(SensorFile.SAMPLE_RATE, s.sampling().hertz());
        }
        Calibration c = s.calibration();
        f.put(
                SensorFile.CALIBRATION,
                Fields.of(SensorFile.Calibration.SECTION)
                        .put(SensorFile.Calibration.OFFSET, c.offset())
                        .put(SensorFile.Calibration.SCALE, c.scale())
                        .put(SensorFile.Calibration.GAUGE_FACTOR, c.gaugeFactor())
                        .put(SensorFile.Calibration.EXCITATION, c.excitationVolts())
                        .put(SensorFile.Calibration.TEMPERATURE_OFFSET, c.temperatureOffset())
                        .put(SensorFile.Calibration.ALTITUDE, c.altitude())
                        .put(
                                SensorFile.Calibration.TEMPERATURE_COMPENSATION,
                                c.temperatureCompensation()
                                        .map(t -> Fields.of(SensorFile.Calibration.COMPENSATION_SECTION)
                                                .put(SensorFile.Calibration.COEFFICIENT, t.coefficient())
                                                .put(SensorFile.Calibration.TEMPERATURE_SOURCE, t.source())
                                                .put(SensorFile.Calibration.REFERENCE_TEMPERATURE, t.reference()))));
        f.put(
                SensorFile.FILTERS,
                s.filters().stream().map(GatewayConfigWriter::filter).toList());
        f.put(
                SensorFile.FEATURES,
                s.features().stream()
                        .map(w -> Fields.of(SensorFile.FEATURE)
                                .put(SensorFile.LENGTH, w.length())
                                .put(SensorFile.FFT_SIZE, w.fftSize()))
                        .toList());
        f.put(
                SensorFile.RULES,
                s.rules().stream().map(GatewayConfigWriter::rule).toList());
        f.put(SensorFile.SEND, s.send());
        f.put(
                SensorFile.TILT,
                s.tilt()
                        .map(t -> Fields.of(SensorFile.TILT_SECTION)
                                .put(SensorFile.TILT_LOW_PASS, t.lowPass())
                                .put(SensorFile.TILT_INTERVAL, t.interval())));
        s.modes()
                .ifPresent(m -> f.put(
                                SensorFile.Modes.LIST,
                                m.bands().stream()
                                        .map(b -> Fields.of(SensorFile.Modes.ENTRY)
                                                .put(SensorFile.Modes.NAME, b.name())
                                                .put(SensorFile.Modes.BAND, new double[] {b.lowHz(), b.highHz()}))
                                        .toList())
                        .put(SensorFile.Modes.EXCITATION_FLOOR, m.excitationFloorG())
                        .put(SensorFile.Modes.MIN_PEAK_QUALITY, m.minPeakQuality()));
        f.put(
                SensorFile.Capture.KEY,
                s.capture()
                        .map(cap -> Fields.of(SensorFile.Capture.SECTION)
                                .put(SensorFile.Capture.BEFORE, cap.before())
                                .put(SensorFile.Capture.AFTER, cap.after())));
        s.location()
                .ifPresent(l ->
                        f.put(l.kind() == LocationKind.ROOM ? SensorFile.ROOM : SensorFile.BRIDGE_SECTION, l.id()));
        return f;
    }

    private static Fields source(SourceConfig s) {
        if (s instanceof SourceConfig.Simulated sim) {
            return Source.TYPE
                    .fields("simulated")
                    .put(Source.SCENARIO, sim.scenario())
                    .put(Source.SEED, (int) sim.seed())
                    .put(Source.DAMAGE, sim.damage().isEmpty() ? null : StiffnessLoss.format(sim.damage()));
        }
        if (s instanceof SourceConfig.Replay r) {
            return Source.TYPE
                    .fields("replay")
                    .put(Source.FILE, r.file())
                    .put(Source.COLUMNS, r.columns())
                    .put(Source.TIMESTAMP_COLUMN, r.timestampColumn())
                    .put(Source.SPEED, r.speed())
                    .put(Source.REPEAT, r.repeat());
        }
        return Source.TYPE.fields("hardware");
    }

    private static Fields filter(FilterConfig f) {
        Fields out = Filter.TYPE.fields(f.kind());
        if (f instanceof FilterConfig.Range r) {
            out.put(Filter.MIN, r.min()).put(Filter.MAX, r.max());
        } else if (f instanceof FilterConfig.Hampel h) {
            out.put(Filter.WINDOW, h.halfWindow()).put(Filter.THRESHOLD, h.threshold());
        } else if (f instanceof FilterConfig.Jump j) {
            out.put(Filter.MAX_JUMP, j.maxJump()).put(Filter.PER, j.per());
        } else if (f instanceof FilterConfig.Median m) {
            out.put(Filter.MEDIAN_WINDOW, m.window());
        } else {
            out.put(Filter.TAU, ((FilterConfig.Ema) f).tau());
        }
        return out.put(Filter.QUANTITY, f.quantity());
    }

    private static Fields rule(RuleConfig r) {
        Thresholds t = r.thresholds();
        return Fields.of(Rule.SECTION)
                .put(Rule.ID, r.id())
                .put(Rule.QUANTITY, r.quantity())
                .put(Rule.WARNING_ABOVE, t.warningAbove())
                .put(Rule.CRITICAL_ABOVE, t.criticalAbove())
                .put(Rule.WARNING_BELOW, t.warningBelow())
                .put(Rule.CRITICAL_BELOW, t.criticalBelow())
                .put(Rule.DEADBAND, t.deadband())
                .put(Rule.RAISE_AFTER, t.raiseAfter())
                .put(Rule.CLEAR_AFTER, t.clearAfter())
                .put(
                        Rule.RATE_OF_CHANGE,
                        r.rateOfChange()
                                .map(c -> Fields.of(Rule.RATE_OF_CHANGE_SECTION)
                                        .put(Rule.ROC_LIMIT, c.limit())
                                        .put(Rule.ROC_PER, c.per())))
                .put(Rule.FLATLINE, r.flatline())
                .put(Rule.NO_DATA_AFTER, r.noDataAfter())
                .put(Rule.ACTIONS, r.actions());
    }
}
