package de.dos2030.iot.collector.security;

import de.dos2030.iot.model.validation.Validator;
import io.micronaut.core.annotation.Nullable;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sites an API token, and every web session signed in with it, may see: all of them, those of
 * one site kind ({@code school}, {@code bridge}), or a list of site ids. Issued with the token by an
 * admin, never taken from a request: every route turns it into a condition of its own (a site set in
 * the query, a filter on the answer), so a caller can narrow what it asks for but never widen it.
 * Roles say what a caller may do, the scope where. Immutable.
 *
 * <p>Wire form (token API, database): {@code all}, {@code kind:school}, {@code sites:gs-kley,br-12}.
 *
 * @param siteKind the one site kind allowed, or null
 * @param sites    the site ids allowed (sorted), or null; never empty
 */
public record Scope(@Nullable String siteKind, @Nullable Set<String> sites) {
    public static final Scope ALL = new Scope(null, null);
    static final int MAX_SITES = 200;

    public Scope {
        if (siteKind != null && sites != null) {
            throw new IllegalArgumentException("a scope is a site kind or a list of sites, not both");
        }
        if (siteKind != null && !siteKind.equals("school") && !siteKind.equals("bridge")) {
            throw new IllegalArgumentException(
                    "scope site kind '" + siteKind + "' is unknown (allowed: school, bridge)");
        }
        if (sites != null) {
            if (sites.isEmpty() || sites.size() > MAX_SITES) {
                throw new IllegalArgumentException("a scope's list of sites needs 1 to " + MAX_SITES + " site ids");
            }
            for (String s : sites) {
                if (s == null
                        || s.length() > Validator.MAX_ID_LENGTH
                        || !Validator.ID_PATTERN.matcher(s).matches()) {
                    throw new IllegalArgumentException("scope site id '" + s + "' is not a valid id (1 to 64 of"
                            + " A-Z a-z 0-9 . _ - starting with a letter or digit)");
                }
            }
            sites = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sites));
        }
    }

    public static Scope kind(String siteKind) {
        return new Scope(siteKind, null);
    }

    public static Scope sites(Collection<String> sites) {
        return new Scope(null, new TreeSet<>(sites));
    }

    public boolean isAll() {
        return siteKind == null && sites == null;
    }

    /** Whether a site of this id and kind (wire name; may be null when unknown) is inside the scope. */
    public boolean allows(@Nullable String siteId, @Nullable String kind) {
        if (isAll()) {
            return true;
        }
        if (sites != null) {
            return siteId != null && sites.contains(siteId);
        }
        return siteKind.equals(kind);
    }

    /** The wire form: {@code all}, {@code kind:<kind>} or {@code sites:<id>,<id>}. */
    public String wire() {
        if (sites != null) {
            return "sites:" + String.join(",", sites);
        }
        return siteKind != null ? "kind:" + siteKind : "all";
    }

    @Override
    public String toString() {
        return wire();
    }

    /**
     * The scope of a wire form; null or blank is {@link #ALL}.
     *
     * @throws IllegalArgumentException naming the scope and the allowed forms
     */
    public static Scope parse(@Nullable String wire) {
        if (wire == null || wire.isBlank() || wire.trim().equals("all")) {
            return ALL;
        }
        String w = wire.trim();
        if (w.startsWith("kind:")) {
            return kind(w.substring(5).trim());
        }
        if (w.startsWith("sites:")) {
            List<String> ids = java.util.Arrays.stream(w.substring(6).split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
            return sites(ids);
        }
        throw new IllegalArgumentException("scope '" + wire + "' is unknown (allowed: all, kind:school, kind:bridge,"
                + " sites:<site id>,<site id>...)");
    }

    /**
     * This scope as an SQL condition starting with {@code AND} (empty for all sites) on the given columns,
     * which must be the code's own column names; its values are appended to {@code params} as parameters.
     */
    public String sql(String siteColumn, String kindColumn, List<Object> params) {
        if (sites != null) {
            params.addAll(sites);
            return " AND " + siteColumn + " IN (" + String.join(", ", java.util.Collections.nCopies(sites.size(), "?"))
                    + ")";
        }
        if (siteKind != null) {
            params.add(siteKind);
            return " AND " + kindColumn + " = ?";
        }
        return "";
    }
}
