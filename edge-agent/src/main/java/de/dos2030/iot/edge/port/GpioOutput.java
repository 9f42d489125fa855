package de.dos2030.iot.edge.port;

/** A digital output pin (traffic-light LEDs, buzzer, a bit-banged clock). */
public interface GpioOutput {

    int pin();

    void set(boolean high);
}
