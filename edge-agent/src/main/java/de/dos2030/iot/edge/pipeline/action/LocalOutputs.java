package de.dos2030.iot.edge.pipeline.action;

import de.dos2030.iot.config.model.Action;
import de.dos2030.iot.config.model.ActiveLevel;
import de.dos2030.iot.config.model.OutputsConfig;
import de.dos2030.iot.edge.pipeline.rules.AlertTracker;
import de.dos2030.iot.edge.pipeline.rules.CheckKind;
import de.dos2030.iot.edge.port.BusException;
import de.dos2030.iot.edge.port.GpioOutput;
import de.dos2030.iot.model.Severity;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's local outputs, driven by the rules that list them as actions: the traffic light
 * shows green, yellow or red by the highest level raised among its rules, the buzzer sounds while
 * one of its rules is critical. Because they follow the rules' alert state they inherit the rules'
 * raise-after, deadband and clear-after: the light does not flicker at a limit. Limit alerts drive
 * the colours and the buzzer (the configuration allows actions only on rules with limits); a sensor
 * fault or a no-data alert of a sensor whose rules drive the light shows {@link Light#FAULT} (all
 * three lamps) until it clears. Pins are written only when their level changes. Not thread-safe;
 * the pipeline serialises calls.
 */
public final class LocalOutputs {

    private final Pin green;
    private final Pin yellow;
    private final Pin red;
    private final Pin buzzer;
    private Light light;
    private boolean buzzing;

    private LocalOutputs(Pin green, Pin yellow, Pin red, Pin buzzer) {
        this.green = green;
        this.yellow = yellow;
        this.red = red;
        this.buzzer = buzzer;
    }

    /**
     * Opens the configured pins and switches everything to the all-clear state (green, silent).
     *
     * @throws BusException when a pin cannot be opened
     */
    public static LocalOutputs open(OutputsConfig config, GpioOutputs gpio) throws BusException {
        Pin g = null;
        Pin y = null;
        Pin r = null;
        Pin b = null;
        if (config.trafficLight().isPresent()) {
            OutputsConfig.TrafficLight t = config.trafficLight().get();
            g = new Pin(gpio.open(t.green()), t.active());
            y = new Pin(gpio.open(t.yellow()), t.active());
            r = new Pin(gpio.open(t.red()), t.active());
        }
        if (config.buzzer().isPresent()) {
            b = new Pin(
                    gpio.open(config.buzzer().get().pin()),
                    config.buzzer().get().active());
        }
        LocalOutputs outputs = new LocalOutputs(g, y, r, b);
        outputs.show(Light.GREEN, false, true);
        return outputs;
    }

    /** Recomputes the outputs from every tracker's state. */
    public void update(Iterable<AlertTracker> trackers) {
        Severity lightLevel = null;
        boolean sound = false;
        Set<String> lightSensors = new HashSet<>();
        for (AlertTracker t : trackers) {
            if (t.actions().contains(Action.TRAFFIC_LIGHT)) {
                lightSensors.add(t.sensorId());
            }
        }
        boolean fault = false;
        for (AlertTracker t : trackers) {
            if (t.isActive()
                    && (t.kind() == CheckKind.SENSOR_FAULT || t.kind() == CheckKind.NO_DATA)
                    && lightSensors.contains(t.sensorId())) {
                fault = true;
            }
        }
        for (AlertTracker t : trackers) {
            Severity s = t.active();
            if (s == null || t.actions().isEmpty()) {
                continue;
            }
            if (t.actions().contains(Action.TRAFFIC_LIGHT) && (lightLevel == null || s.compareTo(lightLevel) > 0)) {
                lightLevel = s;
            }
            if (t.actions().contains(Action.BUZZER) && s == Severity.CRITICAL) {
                sound = true;
            }
        }
        Light next = fault
                ? Light.FAULT
                : lightLevel == null ? Light.GREEN : lightLevel == Severity.CRITICAL ? Light.RED : Light.YELLOW;
        show(next, sound, false);
    }

    private void show(Light next, boolean sound, boolean force) {
        if (force || next != light) {
            light = next;
            if (green != null) {
                boolean all = next == Light.FAULT;
                green.set(all || next == Light.GREEN);
                yellow.set(all || next == Light.YELLOW);
                red.set(all || next == Light.RED);
            }
        }
        if (force || sound != buzzing) {
            buzzing = sound;
            if (buzzer != null) {
                buzzer.set(sound);
            }
        }
    }

    public OutputState state() {
        return new OutputState(green == null ? Optional.empty() : Optional.of(light), buzzer != null && buzzing);
    }

    /** Switches everything off (shutdown): a dark light says the agent is not running. */
    public void off() {
        for (Pin p : new Pin[] {green, yellow, red, buzzer}) {
            if (p != null) {
                p.set(false);
            }
        }
    }

    private record Pin(GpioOutput out, ActiveLevel active) {
        void set(boolean on) {
            out.set(on == (active == ActiveLevel.HIGH));
        }
    }
}
