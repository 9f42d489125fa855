package de.dos2030.iot.config.model;

/** A local action a rule drives while it is raised: the classroom traffic light (yellow on warning, red on critical) or the buzzer (critical only). */
public enum Action {
    TRAFFIC_LIGHT("traffic-light"),
    BUZZER("buzzer");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in the YAML file. */
    public String wireName() {
        return wireName;
    }
}
