package de.dos2030.iot.collector.alerts;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Queues the deliveries of one recorded lifecycle step, inside the transaction that records it:
 * either both are committed or neither, which is what makes delivery exactly once per subscription.
 */
public interface Fanout {
    void plan(Connection transaction, AlertNotification step) throws SQLException;
}
