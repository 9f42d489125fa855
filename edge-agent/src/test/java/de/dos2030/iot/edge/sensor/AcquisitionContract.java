package de.dos2030.iot.edge.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.model.Quality;
import de.dos2030.iot.model.Quantity;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every driver must do on any rig: identify the chip at start, then deliver plausible
 * samples of each of its quantities with no fault. Subclasses pick the rig (simulated or real)
 * and the sensor; simulated subclasses add exact datasheet conversions and fault cases.
 */
public abstract class AcquisitionContract {

    protected Rig rig;
    protected Recorder recorder;
    protected SensorScheduler scheduler;

    protected abstract Rig createRig();

    /** The sensor under test, opened on {@code rig.buses()}. */
    protected abstract Acquisition createSensor(Rig rig) throws BusException;

    protected abstract String bus();

    /** Long enough for start-up plus a few samples. */
    protected abstract Duration runTime();

    @BeforeEach
    void setUpRig() throws Exception {
        rig = createRig();
        recorder = new Recorder();
        scheduler = new SensorScheduler(rig.clock(), recorder);
    }

    @AfterEach
    void tearDownRig() {
        scheduler.close();
        rig.close();
    }

    @Test
    void identifiesTheChipAtStart() throws Exception {
        Acquisition sensor = createSensor(rig);
        scheduler.add(bus(), sensor);
        rig.run(scheduler, runTime());
        assertThat(sensor.identity()).as("identity after start-up").isPresent();
        assertThat(recorder.faults).isEmpty();
    }

    @Test
    void deliversPlausibleSamplesOfEveryQuantity() throws Exception {
        Acquisition sensor = createSensor(rig);
        scheduler.add(bus(), sensor);
        rig.run(scheduler, runTime());
        for (Quantity q : sensor.quantities()) {
            assertThat(recorder.of(sensor.label().sensorId(), q))
                    .as(q.name())
                    .isNotEmpty()
                    .allSatisfy(s -> {
                        assertThat(s.quality()).isEqualTo(Quality.OK);
                        assertThat(q.isPlausible(s.value()))
                                .as("%s plausible", s)
                                .isTrue();
                    });
        }
    }
}
