package dev.pressuremonitor.server.calls;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** NULL-aware JDBC getters and setters. */
final class Sql {
    private Sql() {}

    static Long nullableLong(ResultSet r, int i) throws SQLException {
        long v = r.getLong(i);
        return r.wasNull() ? null : v;
    }

    static Double nullableDouble(ResultSet r, int i) throws SQLException {
        double v = r.getDouble(i);
        return r.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet r, int i) throws SQLException {
        int v = r.getInt(i);
        return r.wasNull() ? null : v;
    }

    static void setLong(PreparedStatement p, int i, Long v) throws SQLException {
        if (v == null) p.setNull(i, Types.BIGINT);
        else p.setLong(i, v);
    }

    static void setDouble(PreparedStatement p, int i, Double v) throws SQLException {
        if (v == null) p.setNull(i, Types.DOUBLE);
        else p.setDouble(i, v);
    }
}
