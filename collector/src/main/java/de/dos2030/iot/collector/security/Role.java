package de.dos2030.iot.collector.security;

import java.util.Locale;

/**
 * What an API token may do, each role including the ones before it: a viewer reads; an engineer
 * also acknowledges alerts and manages its own subscriptions; an admin also manages gateways,
 * tokens and everyone's subscriptions. Gateway tokens are not API tokens: they only ingest.
 */
public enum Role {
    VIEWER,
    ENGINEER,
    ADMIN;

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this wire name, or {@code null}. */
    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
