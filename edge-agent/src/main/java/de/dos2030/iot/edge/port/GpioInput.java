package de.dos2030.iot.edge.port;

/** A digital input pin (a data-ready line, a bit-banged data line). */
public interface GpioInput {

    int pin();

    boolean isHigh();
}
