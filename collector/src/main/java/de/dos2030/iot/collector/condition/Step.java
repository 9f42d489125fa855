package de.dos2030.iot.collector.condition;

/** What a closed bin did to a detector: nothing, raise its alert, or clear it. */
public enum Step {
    NONE,
    RAISE,
    CLEAR
}
