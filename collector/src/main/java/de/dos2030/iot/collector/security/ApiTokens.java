package de.dos2030.iot.collector.security;

import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.validation.Validator;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Issues, lists, revokes and checks API tokens ({@code api_token}). The configured
 * {@code collector.admin.token} stays valid as the bootstrap admin, so a fresh installation can
 * issue the first tokens. Look-ups are cached for {@link #CACHE_TTL_MILLIS}: a token revoked on
 * another collector instance stops working here within that time, at once on this one. Thread-safe.
 */
@Singleton
public class ApiTokens {
    static final long CACHE_TTL_MILLIS = 30_000;

    private final RelationalStore store;
    private final Clock clock;
    private final byte[] bootstrap;
    private final ConcurrentMap<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiTokens(RelationalStore store, Clock clock, AdminConfig admin) {
        this.store = store;
        this.clock = clock;
        this.bootstrap = admin.token().getBytes(StandardCharsets.UTF_8);
    }

    private record Cached(Optional<Caller> caller, long loadedAt) {}

    /**
     * Issues a token.
     *
     * @throws IllegalArgumentException when the id is not a valid id, the name is empty or too long
     * @throws IllegalStateException    when the id is taken
     */
    public ApiToken issue(String id, String name, Role role, Caller by) {
        return issue(id, name, role, Scope.ALL, by);
    }

    /**
     * Issues a token that sees only the sites of {@code scope}. A caller can only hand out what it sees
     * itself: a scoped admin cannot issue a wider token.
     *
     * @throws IllegalArgumentException when the id is not a valid id, the name is empty or too long, or
     *                                  the scope is wider than the issuer's
     * @throws IllegalStateException    when the id is taken
     */
    public ApiToken issue(String id, String name, Role role, Scope scope, Caller by) {
        if (!by.scope().isAll() && !by.scope().equals(scope)) {
            throw new IllegalArgumentException("scope '" + scope.wire() + "' is not yours to give: a token with scope '"
                    + by.scope().wire() + "' may only issue tokens of that scope");
        }
        if (id == null
                || id.length() > Validator.MAX_ID_LENGTH
                || !Validator.ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "id '" + id + "' must be 1 to 64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        if (id.equals(Caller.BOOTSTRAP_ADMIN)) {
            throw new IllegalArgumentException("id 'admin' is the bootstrap admin's: choose another");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1 to 200 characters");
        }
        if (role == null) {
            throw new IllegalArgumentException("role is missing (allowed: viewer, engineer, admin)");
        }
        String token = "dos_" + BearerToken.random();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            store.run(c -> RelationalStore.update(
                    c,
                    "INSERT INTO api_token (id, name, role, scope, token_hash, created_at, created_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    id,
                    name,
                    role.wireName(),
                    scope.wire(),
                    BearerToken.hash(token),
                    now,
                    by.subject()));
        } catch (RelationalStore.StoreException e) {
            if (RelationalStore.isUniqueViolation(e)) {
                throw new IllegalStateException("token id '" + id + "' exists: revoke it or choose another id");
            }
            throw e;
        }
        return new ApiToken(id, name, role.wireName(), scope.wire(), now, by.subject(), null, token);
    }

    public List<ApiToken> list() {
        return store.run(c -> {
            List<ApiToken> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM api_token ORDER BY id");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiToken(
                            rs.getString("id"),
                            rs.getString("name"),
                            rs.getString("role"),
                            rs.getString("scope"),
                            RelationalStore.instant(rs, "created_at"),
                            rs.getString("created_by"),
                            RelationalStore.instant(rs, "revoked_at"),
                            null));
                }
            }
            return out;
        });
    }

    /** Revokes a token at once (on this instance); false when there is no such active token. */
    public boolean revoke(String id) {
        int n = store.run(c -> RelationalStore.update(
                c, "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", clock.instant(), id));
        cache.clear();
        return n == 1;
    }

    /** The caller this bearer token stands for: the bootstrap admin, an active API token, or empty. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        if (MessageDigest.isEqual(bootstrap, token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new Caller(Caller.BOOTSTRAP_ADMIN, Role.ADMIN));
        }
        String hash = BearerToken.hash(token);
        long now = clock.millis();
        Cached cached = cache.get(hash);
        if (cached == null || now - cached.loadedAt > CACHE_TTL_MILLIS || now < cached.loadedAt) {
            cached = new Cached(load(hash), now);
            if (cache.size() > 10_000) {
                cache.clear(); // a flood of wrong tokens must not grow the cache without bound
            }
            cache.put(hash, cached);
        }
        return cached.caller;
    }

    private Optional<Caller> load(String hash) {
        return store.run(c -> {
            try (PreparedStatement ps = RelationalStore.bind(
                            c.prepareStatement(
                                    "SELECT id, role, scope FROM api_token WHERE token_hash = ? AND revoked_at IS NULL"),
                            hash);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Caller(
                                rs.getString("id"),
                                Role.parse(rs.getString("role")),
                                Scope.parse(rs.getString("scope"))))
                        : Optional.<Caller>empty();
            }
        });
    }
}
