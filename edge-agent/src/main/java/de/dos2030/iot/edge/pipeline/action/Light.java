package de.dos2030.iot.edge.pipeline.action;

/** What the classroom traffic light shows. */
public enum Light {
    /** No rule with the traffic-light action is raised. */
    GREEN,
    /** The highest raised level among those rules is a warning. */
    YELLOW,
    /** One of them is critical. */
    RED
}
