package de.dos2030.iot.edge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.edge.sample.FaultKind;
import de.dos2030.iot.edge.sample.Sample;
import de.dos2030.iot.edge.sample.SensorFault;
import de.dos2030.iot.edge.sample.SensorListener;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SensorHandOffTest {

    private static final Instant T = Instant.parse("2025-03-10T08:00:00Z");

    @Test
    void busThreadsDoNotWaitForASlowPipelineAndEverythingArrivesInOrder() throws Exception {
        CountDownLatch diskBusy = new CountDownLatch(1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        SensorListener slowPipeline = new SensorListener() {
            @Override
            public void sample(Sample sample) {
                try {
                    diskBusy.await(); // the batcher waiting for an fsync
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                delivered.add("sample " + (long) sample.value());
            }

            @Override
            public void fault(SensorFault fault) {
                delivered.add("fault " + fault.sensorId());
            }

            @Override
            public void recovered(String sensorId, Instant time) {
                delivered.add("recovered " + sensorId);
            }
        };
        SensorHandOff handOff = new SensorHandOff(slowPipeline, Set.of(), 1000);

        for (int i = 0; i < 500; i++)
            handOff.sample(new Sample("acc", Quantity.ACCELERATION, T.plusMillis(2L * i), i, Quality.OK));
        handOff.fault(new SensorFault("acc", FaultKind.TIMEOUT, "FIFO overrun", T));
        handOff.recovered("acc", T);

        assertThat(delivered).isEmpty(); // the bus thread got here while the pipeline still waits
        diskBusy.countDown();
        handOff.close();
        assertThat(delivered)
                .hasSize(502)
                .startsWith("sample 0", "sample 1")
                .endsWith("sample 499", "fault acc", "recovered acc");
    }

    @Test
    void forwardsAccelerometerSetsOnlyForSensorsThatDeriveTilt() {
        List<String> delivered = new CopyOnWriteArrayList<>();
        SensorListener pipeline = new SensorListener() {
            @Override
            public void sample(Sample sample) {}

            @Override
            public void fault(SensorFault fault) {}

            @Override
            public void axes(String sensorId, Instant time, double x, double y, double z, Quality quality) {
                delivered.add(sensorId + " " + x + " " + y + " " + z);
            }
        };
        SensorHandOff handOff = new SensorHandOff(pipeline, Set.of("deck"), 100);

        handOff.axes("deck", T, 0.02, 0.0, 1.0, Quality.OK);
        handOff.axes("pier", T, 0.5, 0.5, 0.7, Quality.OK);
        handOff.close();

        assertThat(delivered).containsExactly("deck 0.02 0.0 1.0");
    }
}
