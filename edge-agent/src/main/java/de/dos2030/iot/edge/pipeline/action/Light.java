package de.dos2030.iot.edge.pipeline.action;

/** What the classroom traffic light shows. */
public enum Light {
    /** No rule with the traffic-light action is raised. */
    GREEN,
    /** The highest raised level among those rules is a warning. */
    YELLOW,
    /** One of them is critical. */
    RED,
    /**
     * The light cannot judge the air: the sensor behind one of its rules reports a fault or has sent
     * no data for its rule's {@code no-data-after}. Shown as all three lamps lit, a state no colour
     * uses: plain LEDs on GPIO cannot blink on their own and software blinking would depend on the
     * agent's timing, a dark light already means the agent is not running, and a single lamp would
     * read as a colour (yellow alone would say "ventilate soon"). Takes precedence over the colours:
     * the last colour came from a sensor that is no longer trusted.
     */
    FAULT
}
