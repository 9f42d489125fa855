package de.dos2030.iot.collector.statedb;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Plain JDBC on the registry's database (H2 file by default, PostgreSQL by profile) for the
 * alert, subscription, delivery, token and activity tables, where the statements (conditional
 * claims, unique-key de-duplication) matter more than an object mapping. Thread-safe.
 *
 * <p>Statements stay within SQL that H2 and PostgreSQL both accept. A unique-key violation is
 * SQLSTATE 23505 in both, which is how de-duplication is detected.
 */
@Singleton
public class RelationalStore {
    private final DataSource dataSource;

    public RelationalStore(DataSource dataSource) {
        DataSource ds = dataSource;
        while (ds instanceof DelegatingDataSource d) {
            ds = d.getTargetDataSource(); // our own transactions, not Micronaut Data's contextual connection
        }
        this.dataSource = ds;
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs {@code work} with auto-commit (single statements, reads). */
    public <T> T run(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Binds positional parameters: Instant as TIMESTAMP WITH TIME ZONE, null as an untyped NULL. */
    public static PreparedStatement bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(
                        i + 1,
                        Types.NULL); // untyped: PostgreSQL infers the column's type (VARCHAR failed on timestamps)
            } else if (p instanceof Instant t) {
                ps.setObject(i + 1, t.atOffset(ZoneOffset.UTC));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else if (p instanceof Double d) {
                ps.setDouble(i + 1, d);
            } else {
                ps.setObject(i + 1, p);
            }
        }
        return ps;
    }

    /** Executes an update, returns the row count. */
    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(sql), params)) {
            return ps.executeUpdate();
        }
    }

    /** Inserts a row and returns its generated {@code id}. */
    public static long insertReturningId(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = bind(c.prepareStatement(sql, new String[] {"id"}), params)) {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated id for: " + sql);
                }
                return keys.getLong(1);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    public static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A database error; the HTTP layer answers 503, ingest answers "try later". */
    public static final class StoreException extends RuntimeException {
        public StoreException(SQLException cause) {
            super("relational store: " + cause.getMessage(), cause);
        }
    }
}
