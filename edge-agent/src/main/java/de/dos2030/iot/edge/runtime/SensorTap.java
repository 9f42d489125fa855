package de.dos2030.iot.edge.runtime;

import de.dos2030.iot.config.model.SensorConfig;
import de.dos2030.iot.edge.fleet.SensorWatch;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.edge.source.GatewaySensors;
import de.dos2030.iot.edge.source.SensorSources;
import de.dos2030.iot.model.Quality;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes every sensor signal on and remembers, per sensor, whether it delivered a sample and
 * whether its latest signal is a fault: what a new configuration's watch asks. Thread-safe.
 */
final class SensorTap implements SensorListener, SensorWatch {

    private final SensorListener downstream;
    private final List<SensorConfig> configured;
    private final Map<String, Boolean> delivered = new ConcurrentHashMap<>();
    private final Map<String, String> faults = new ConcurrentHashMap<>();
    private volatile List<GatewaySensors.Broken> broken = List.of();

    SensorTap(SensorListener downstream, List<SensorConfig> configured) {
        this.downstream = downstream;
        this.configured = List.copyOf(configured);
    }

    void broken(List<GatewaySensors.Broken> sensors) {
        this.broken = List.copyOf(sensors);
    }

    @Override
    public void sample(Sample sample) {
        delivered.put(sample.sensorId(), Boolean.TRUE);
        downstream.sample(sample);
    }

    @Override
    public void fault(SensorFault fault) {
        faults.put(fault.sensorId(), fault.message());
        downstream.fault(fault);
    }

    @Override
    public void recovered(String sensorId, Instant time) {
        faults.remove(sensorId);
        downstream.recovered(sensorId, time);
    }

    @Override
    public void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {
        delivered.put(sensorId, Boolean.TRUE);
        downstream.axes(sensorId, time, x, y, z, quality);
    }

    @Override
    public Optional<String> broken() {
        return broken.stream().findFirst().map(b -> describe(b.config()) + " could not be opened: " + b.message());
    }

    @Override
    public Optional<String> silent() {
        for (SensorConfig s : configured) {
            String fault = faults.get(s.id());
            if (fault != null) {
                return Optional.of(describe(s) + " did not answer: " + withoutWho(s, fault));
            }
            if (!delivered.containsKey(s.id())) {
                return Optional.of(describe(s) + " delivered no sample");
            }
        }
        return Optional.empty();
    }

    /** A driver's message names the chip, sensor and address again ("SHT4x 'r1-air' did not answer at ...: "). */
    private static String withoutWho(SensorConfig s, String fault) {
        String who = s.driver().chipName() + " '" + s.id() + "'";
        int colon = fault.indexOf(": ");
        return fault.startsWith(who) && colon > 0 ? fault.substring(colon + 2) : fault;
    }

    /** {@code sensor 'r1-air' (SHT4x at i2c-1 0x45)}. */
    static String describe(SensorConfig s) {
        String where = SensorSources.busAddress(s)
                .map(a -> " at " + a)
                .orElse(" from " + s.source().kind());
        return "sensor '" + s.id() + "' (" + s.driver().chipName() + where + ")";
    }
}
