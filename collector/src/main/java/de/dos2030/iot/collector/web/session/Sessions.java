package de.dos2030.iot.collector.web.session;

import de.dos2030.iot.collector.security.ApiTokens;
import de.dos2030.iot.collector.security.BearerToken;
import de.dos2030.iot.collector.security.Caller;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.collector.security.Scope;
import de.dos2030.iot.collector.web.WebConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web sessions: an API token given once on the sign-in page becomes a random session id (256 bits,
 * the cookie's value) whose SHA-256 is stored ({@link SessionStore}). A session ends at sign-out,
 * after {@code collector.web.session-idle-timeout} unused, {@code session-absolute-timeout} after
 * sign-in, or when its API token is revoked; the token's current role decides what it may do, its scope
 * which sites it sees.
 *
 * <p>Its CSRF token is derived from the session id (HMAC-SHA256), so it is stored nowhere and a copy
 * of the database cannot forge one. Thread-safe; every call may reach the database (blocking).
 */
@Singleton
public class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    /** last_seen_at is written at most this often per session: a page view need not be a write. */
    static final Duration TOUCH_GRANULARITY = Duration.ofMinutes(1);

    private final SessionStore store;
    private final ApiTokens tokens;
    private final WebConfig config;
    private final Clock clock;

    Sessions(SessionStore store, ApiTokens tokens, WebConfig config, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    /** A new session: the cookie value to hand the browser (once) and what it stands for. */
    public record Started(String cookieValue, WebSession session) {}

    /** Starts a session for this API token; empty when the token is unknown or revoked. */
    public Optional<Started> signIn(String apiToken) {
        Optional<Caller> caller = tokens.authenticate(apiToken == null ? null : apiToken.trim());
        if (caller.isEmpty()) {
            return Optional.empty();
        }
        String id = BearerToken.random();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String subject = caller.get().subject();
        String tokenId = Caller.BOOTSTRAP_ADMIN.equals(subject) ? null : subject;
        store.insert(
                BearerToken.hash(id),
                subject,
                tokenId,
                caller.get().role().wireName(),
                now,
                now.plus(config.sessionAbsoluteTimeout()));
        return Optional.of(new Started(
                id, new WebSession(subject, caller.get().role(), caller.get().scope(), csrfToken(id))));
    }

    /** The live session of this cookie value; empty when there is none, it expired or its token was revoked. */
    /**
     * Puts the session of the request's cookie, if it names a live one, on the request ({@link WebSession#of}).
     *
     * @throws RelationalStore.StoreException when the database cannot be asked
     */
    public void attach(HttpRequest<?> request) {
        find(request.getCookies()
                        .findCookie(SessionCookies.SESSION)
                        .map(Cookie::getValue)
                        .orElse(null))
                .ifPresent(s -> request.setAttribute(WebSession.ATTRIBUTE, s));
    }

    public Optional<WebSession> find(@Nullable String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        String hash = BearerToken.hash(cookieValue);
        Optional<SessionStore.Row> found = store.find(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SessionStore.Row row = found.get();
        Instant now = clock.instant();
        boolean expired =
                !now.isBefore(row.expiresAt()) || !now.isBefore(row.lastSeenAt().plus(config.sessionIdleTimeout()));
        Role role = row.tokenId() == null ? Role.parse(row.role()) : Role.parse(row.tokenRole());
        if (expired || role == null) {
            store.delete(hash); // ended: expired, or its token was revoked
            return Optional.empty();
        }
        if (!now.isBefore(row.lastSeenAt().plus(TOUCH_GRANULARITY))) {
            store.touch(hash, now.truncatedTo(ChronoUnit.MILLIS));
        }
        Scope scope = row.tokenId() == null ? Scope.ALL : Scope.parse(row.tokenScope());
        return Optional.of(new WebSession(row.subject(), role, scope, csrfToken(cookieValue)));
    }

    /** Ends the session of this cookie value at once, on every instance; false when there was none. */
    public boolean signOut(@Nullable String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return false;
        }
        return store.delete(BearerToken.hash(cookieValue));
    }

    /** Removes ended sessions now and then (a session that is looked up ends at once anyway). */
    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void sweep() {
        try {
            Instant now = clock.instant();
            int n = store.deleteExpired(now, now.minus(config.sessionIdleTimeout()));
            if (n > 0) {
                LOG.debug("Removed {} ended web sessions", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Removing ended web sessions failed (next try in 10 minutes): {}", e.toString());
        }
    }

    /** The CSRF token of a session: HMAC-SHA256 keyed with its id, URL-safe Base64. */
    static String csrfToken(String sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionId.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal("dos-web-csrf".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
