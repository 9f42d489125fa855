package de.dos2030.iot.collector.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The web pages ({@code collector.web.*}).
 *
 * @param sessionIdleTimeout     a session nobody used for this long ends (sign in again)
 * @param sessionAbsoluteTimeout a session ends this long after sign-in, however busy
 * @param lateAfter              a gateway not heard of for this long is "late" on the fleet page; past
 *                               {@code collector.liveness.offline-after} it is offline
 * @param roomCacheTtl           how long a classroom's or bridge's page data is kept for everyone who
 *                               looks (displays refresh every few seconds; InfluxDB is asked once per period)
 * @throws IllegalArgumentException when a duration is not positive, or the idle timeout exceeds the
 *                                  absolute one
 */
@ConfigurationProperties("collector.web")
public record WebConfig(
        @Bindable(defaultValue = "30m") @NotNull Duration sessionIdleTimeout,
        @Bindable(defaultValue = "12h") @NotNull Duration sessionAbsoluteTimeout,
        @Bindable(defaultValue = "2m") @NotNull Duration lateAfter,
        @Bindable(defaultValue = "2s") @NotNull Duration roomCacheTtl) {

    public WebConfig {
        positive("sessionIdleTimeout", sessionIdleTimeout);
        positive("sessionAbsoluteTimeout", sessionAbsoluteTimeout);
        positive("lateAfter", lateAfter);
        positive("roomCacheTtl", roomCacheTtl);
        if (sessionIdleTimeout != null
                && sessionAbsoluteTimeout != null
                && sessionIdleTimeout.compareTo(sessionAbsoluteTimeout) > 0) {
            throw new IllegalArgumentException("collector.web.sessionIdleTimeout (" + sessionIdleTimeout
                    + ") must not be longer than collector.web.sessionAbsoluteTimeout (" + sessionAbsoluteTimeout
                    + ")");
        }
    }

    private static void positive(String key, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("collector.web." + key + ": must be a positive duration, is " + d);
        }
    }
}
