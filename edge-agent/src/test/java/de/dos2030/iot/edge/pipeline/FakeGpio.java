package de.dos2030.iot.edge.pipeline;

import de.dos2030.iot.edge.pipeline.action.GpioOutputs;
import de.dos2030.iot.edge.port.GpioOutput;
import java.util.HashMap;
import java.util.Map;

/** GPIO outputs that remember their level and how often they were written. */
public final class FakeGpio implements GpioOutputs {

    public final Map<Integer, Boolean> level = new HashMap<>();
    public final Map<Integer, Integer> writes = new HashMap<>();

    @Override
    public GpioOutput open(int pin) {
        return new GpioOutput() {
            @Override
            public int pin() {
                return pin;
            }

            @Override
            public void set(boolean high) {
                level.put(pin, high);
                writes.merge(pin, 1, Integer::sum);
            }
        };
    }

    public boolean high(int pin) {
        return level.getOrDefault(pin, false);
    }
}
