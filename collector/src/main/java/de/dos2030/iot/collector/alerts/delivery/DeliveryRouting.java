package de.dos2030.iot.collector.alerts.delivery;

import de.dos2030.iot.collector.alerts.AlertNotification;
import io.micronaut.core.annotation.Nullable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * What routing decides for the delivery outbox (implemented in {@code collector.alerts.routing}): whether a
 * recorded step is silenced, whether a delivery waits (a closed delivery window, a group gathering), and what a
 * delivery that bundles several steps or escalates an alert carries. Called inside the recording transaction
 * ({@link #silenced}, {@link #hold}) and by the dispatcher ({@link #compose}).
 */
public interface DeliveryRouting {
    /** Route of a delivery that carries exactly its own step. */
    String STEP = "step";

    /** A delivery held until {@code until}, waiting for {@code key} (the window, or a group). */
    record Hold(String key, Instant until) {}

    /** True when an active silence covers the step: it is recorded as silenced and gets no deliveries. */
    boolean silenced(Connection transaction, AlertNotification step, Instant now) throws SQLException;

    /** When the delivery of {@code step} to {@code s} must wait, how long; null to send it now. */
    @Nullable
    Hold hold(Connection transaction, Subscription s, AlertNotification step, Instant now) throws SQLException;

    /** What a delivery with a route other than {@link #STEP} sends; empty when its steps are gone. */
    Optional<AlertNotification> compose(long deliveryId, String route, long eventId);
}
