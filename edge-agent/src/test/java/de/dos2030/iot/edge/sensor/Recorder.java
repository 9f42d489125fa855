package de.dos2030.iot.edge.sensor;

import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.model.Quantity;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Collects what a scheduler produced. */
public final class Recorder implements SensorListener {

    public final List<Sample> samples = new CopyOnWriteArrayList<>();
    public final List<SensorFault> faults = new CopyOnWriteArrayList<>();
    public final List<String> recovered = new CopyOnWriteArrayList<>();

    @Override
    public void sample(Sample sample) {
        samples.add(sample);
    }

    @Override
    public void fault(SensorFault fault) {
        faults.add(fault);
    }

    @Override
    public void recovered(String sensorId, java.time.Instant time) {
        recovered.add(sensorId);
    }

    public List<Sample> of(String sensorId, Quantity quantity) {
        return samples.stream()
                .filter(s -> s.sensorId().equals(sensorId) && s.quantity() == quantity)
                .collect(Collectors.toList());
    }

    public List<Sample> of(String sensorId) {
        return samples.stream().filter(s -> s.sensorId().equals(sensorId)).collect(Collectors.toList());
    }

    public List<SensorFault> faultsOf(String sensorId) {
        return faults.stream().filter(f -> f.sensorId().equals(sensorId)).collect(Collectors.toList());
    }
}
