package de.dos2030.iot.model;

/** Whether the gateway clock that stamped the data was synchronised (NTP, GPS) at the time. */
public enum ClockSync {
    SYNCED,
    UNSYNCED,
    UNKNOWN
}
