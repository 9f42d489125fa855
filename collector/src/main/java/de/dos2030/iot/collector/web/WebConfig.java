package de.dos2030.iot.collector.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The web pages ({@code collector.web.*}).
 *
 * @param sessionIdleTimeout     a session nobody used for this long ends (sign in again)
 * @param sessionAbsoluteTimeout a session ends this long after sign-in, however busy
 * @param zone                   the time zone pages show times in, until places bring each site's own
 * @param lateAfter              a gateway not heard of for this long is "late" on the fleet page; past
 *                               {@code collector.liveness.offline-after} it is offline
 * @throws IllegalArgumentException when a duration is not positive, the idle timeout exceeds the
 *                                  absolute one, or the zone is not an IANA zone id
 */
@ConfigurationProperties("collector.web")
public record WebConfig(
        @Bindable(defaultValue = "30m") @NotNull Duration sessionIdleTimeout,
        @Bindable(defaultValue = "12h") @NotNull Duration sessionAbsoluteTimeout,
        @Bindable(defaultValue = "Europe/Berlin") @NotNull String zone,
        @Bindable(defaultValue = "2m") @NotNull Duration lateAfter) {

    public WebConfig {
        positive("sessionIdleTimeout", sessionIdleTimeout);
        positive("sessionAbsoluteTimeout", sessionAbsoluteTimeout);
        positive("lateAfter", lateAfter);
        if (sessionIdleTimeout != null
                && sessionAbsoluteTimeout != null
                && sessionIdleTimeout.compareTo(sessionAbsoluteTimeout) > 0) {
            throw new IllegalArgumentException("collector.web.sessionIdleTimeout (" + sessionIdleTimeout
                    + ") must not be longer than collector.web.sessionAbsoluteTimeout (" + sessionAbsoluteTimeout
                    + ")");
        }
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "collector.web.zone: '" + zone + "' is not a time zone id such as Europe/Berlin");
            }
        }
    }

    private static void positive(String key, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("collector.web." + key + ": must be a positive duration, is " + d);
        }
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }
}
