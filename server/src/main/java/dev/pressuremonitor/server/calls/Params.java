package dev.pressuremonitor.server.calls;

import io.netty.handler.codec.http.QueryStringDecoder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query parameters with errors that name the parameter and say what it takes. */
public final class Params {
    /** A request parameter was malformed; the message names it. */
    public static final class BadParam extends Exception {
        public BadParam(String message) {
            super(message);
        }
    }

    private Params() {}

    public static String text(QueryStringDecoder uri, String name, int maxLength) throws BadParam {
        List<String> v = uri.parameters().get(name);
        if (v == null || v.isEmpty()) return null;
        if (v.size() > 1) throw new BadParam("parameter '" + name + "' is given " + v.size() + " times: give it once");
        String s = v.get(0);
        if (s.isEmpty() || s.length() > maxLength || !s.matches("[A-Za-z0-9._ -]+")) {
            throw new BadParam("parameter '" + name + "' must be 1 to " + maxLength + " letters, digits, spaces, '.', '_' or '-'");
        }
        return s;
    }

    /** Epoch milliseconds, an ISO instant (2026-11-28T09:00:00Z) or a date (2026-11-28, UTC midnight). */
    public static Long time(QueryStringDecoder uri, String name) throws BadParam {
        List<String> v = uri.parameters().get(name);
        if (v == null || v.isEmpty()) return null;
        String s = v.get(0);
        try {
            if (s.matches("\\d{1,15}")) return Long.parseLong(s);
            if (s.matches("\\d{4}-\\d{2}-\\d{2}")) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadParam("parameter '" + name + "' must be a date (2026-11-28), an ISO time (2026-11-28T09:00:00Z) or epoch milliseconds, was '" + s + "'");
        }
    }

    /**
     * The caller's {@code ?token=}, for a page to carry in its own links so they keep working; null when there is none
     * or it is not one a link may hold (one value, letters, digits, '_' or '-').
     */
    public static String pageToken(QueryStringDecoder uri) {
        List<String> t = uri.parameters().get("token");
        return t == null || t.size() != 1 || !t.get(0).matches("[A-Za-z0-9_-]{1,128}") ? null : t.get(0);
    }

    public static int integer(QueryStringDecoder uri, String name, int dflt, int min, int max) throws BadParam {
        List<String> v = uri.parameters().get(name);
        if (v == null || v.isEmpty()) return dflt;
        try {
            int n = Integer.parseInt(v.get(0));
            if (n < min || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new BadParam("parameter '" + name + "' must be a whole number from " + min + " to " + max + ", was '" + v.get(0) + "'");
        }
    }
}
