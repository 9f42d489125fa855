package de.dos2030.iot.collector.alerts.routing;

import static de.dos2030.iot.collector.statedb.RelationalStore.bind;

import de.dos2030.iot.collector.statedb.RelationalStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code delivery_window} and {@code delivery_holiday} tables. Thread-safe. */
@Singleton
public class WindowStore {
    private final RelationalStore store;

    public WindowStore(RelationalStore store) {
        this.store = store;
    }

    public Optional<DeliveryWindow> find(String subscriptionId, Instant now) {
        return store.run(c -> find(c, subscriptionId, now));
    }

    /** The window with the holidays from yesterday on (earlier ones cannot matter any more). */
    Optional<DeliveryWindow> find(Connection c, String subscriptionId, Instant now) throws SQLException {
        ZoneId zone;
        DeliveryWindow partial;
        try (PreparedStatement ps = bind(
                        c.prepareStatement("SELECT zone, days, from_time, to_time, critical_bypass FROM delivery_window"
                                + " WHERE subscription_id = ?"),
                        subscriptionId);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            zone = ZoneId.of(rs.getString(1));
            partial = new DeliveryWindow(
                    zone,
                    DeliveryWindow.parseDays(rs.getString(2)),
                    DeliveryWindow.parseTime("from", rs.getString(3), false),
                    DeliveryWindow.parseTime("to", rs.getString(4), true),
                    rs.getBoolean(5),
                    Set.of());
        }
        Set<LocalDate> holidays = new HashSet<>();
        try (PreparedStatement ps = bind(
                        c.prepareStatement(
                                "SELECT holiday FROM delivery_holiday WHERE subscription_id = ? AND holiday >= ?"),
                        subscriptionId,
                        java.sql.Date.valueOf(now.atZone(zone).toLocalDate().minusDays(1)));
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                holidays.add(rs.getDate(1).toLocalDate());
            }
        }
        return Optional.of(new DeliveryWindow(
                partial.zone(), partial.days(), partial.from(), partial.to(), partial.criticalBypass(), holidays));
    }

    /** Sets (or replaces) the window; its holidays stay. */
    public void put(String subscriptionId, DeliveryWindow w) {
        store.inTransaction(c -> {
            RelationalStore.update(c, "DELETE FROM delivery_window WHERE subscription_id = ?", subscriptionId);
            return RelationalStore.update(
                    c,
                    "INSERT INTO delivery_window (subscription_id, zone, days, from_time, to_time, critical_bypass)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    subscriptionId,
                    w.zone().getId(),
                    w.daysText(),
                    w.from().toString(),
                    w.toText(),
                    w.criticalBypass());
        });
    }

    /** Removes window and holidays: the subscription is told at any time again. */
    public void delete(String subscriptionId) {
        store.inTransaction(c -> {
            RelationalStore.update(c, "DELETE FROM delivery_holiday WHERE subscription_id = ?", subscriptionId);
            return RelationalStore.update(c, "DELETE FROM delivery_window WHERE subscription_id = ?", subscriptionId);
        });
    }

    /** Replaces the holidays with these (one name per day: the first event naming it). */
    public int replaceHolidays(String subscriptionId, List<HolidayCalendar.Holiday> days) {
        return store.inTransaction(c -> {
            RelationalStore.update(c, "DELETE FROM delivery_holiday WHERE subscription_id = ?", subscriptionId);
            Set<LocalDate> seen = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO delivery_holiday (subscription_id, holiday, name) VALUES (?, ?, ?)")) {
                for (HolidayCalendar.Holiday h : days) {
                    if (seen.add(h.day())) {
                        ps.setString(1, subscriptionId);
                        ps.setDate(2, java.sql.Date.valueOf(h.day()));
                        ps.setString(3, h.name());
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            return seen.size();
        });
    }

    /** Holidays from {@code from} on, in order. */
    public List<HolidayCalendar.Holiday> holidays(String subscriptionId, LocalDate from) {
        return store.run(c -> {
            List<HolidayCalendar.Holiday> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = bind(
                            c.prepareStatement("SELECT holiday, name FROM delivery_holiday WHERE subscription_id = ?"
                                    + " AND holiday >= ? ORDER BY holiday"),
                            subscriptionId,
                            java.sql.Date.valueOf(from));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HolidayCalendar.Holiday(rs.getDate(1).toLocalDate(), rs.getString(2)));
                }
            }
            return out;
        });
    }

    /** Makes what waits for this subscription's window due now (the window was removed). */
    public void releaseNow(String subscriptionId, Instant now) {
        store.run(c -> RelationalStore.update(
                c,
                "UPDATE delivery SET next_attempt_at = ? WHERE subscription_id = ? AND status = 'held' AND hold_key = ?",
                now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), // the worker's rounds look at whole milliseconds
                subscriptionId,
                Router.WINDOW));
    }
}
