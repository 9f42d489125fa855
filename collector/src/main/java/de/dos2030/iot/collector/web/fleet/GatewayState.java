package de.dos2030.iot.collector.web.fleet;

import java.util.Locale;

/**
 * A gateway's state on the fleet page: the inventory's (online, offline, never seen, disabled), with
 * "late" split off from online when it has not been heard of for {@code collector.web.late-after}.
 * Each state has a message key, an icon and a CSS class: the pages never show it by colour alone.
 */
public enum GatewayState {
    ONLINE,
    LATE,
    OFFLINE,
    NEVER_SEEN,
    DISABLED;

    /** {@code online}, {@code late}, {@code offline}, {@code never-seen}, {@code disabled}: URLs and CSS. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String messageKey() {
        return "state." + wireName();
    }

    /** A shape that tells the state without colour (also read out: the icon is aria-hidden, the text is not). */
    public String icon() {
        return switch (this) {
            case ONLINE -> "●";
            case LATE -> "◐";
            case OFFLINE -> "○";
            case NEVER_SEEN -> "?";
            case DISABLED -> "–";
        };
    }

    /** The state with this wire name, or null. */
    public static GatewayState parse(String s) {
        for (GatewayState g : values()) {
            if (g.wireName().equals(s)) {
                return g;
            }
        }
        return null;
    }
}
