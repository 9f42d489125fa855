package de.dos2030.iot.collector.gateways;

import de.dos2030.iot.collector.security.BearerToken;
import de.dos2030.iot.collector.security.GatewayCredentials;
import de.dos2030.iot.collector.security.SecretBox;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Registers gateways and checks their credentials. Thread-safe. Every change publishes a
 * {@link GatewaysChanged} event (the Mosquitto password and ACL files follow it).
 *
 * <p>Token look-ups are served from a small cache of the registry keyed by token hash, so the
 * hot ingest path does not query the database per batch. The cache is dropped on every change
 * made through this instance; with several collector instances on one PostgreSQL a token revoked
 * elsewhere stays valid here for at most {@link #CACHE_TTL_MILLIS}.
 */
@Singleton
public class GatewayRegistry implements GatewayCredentials {
    static final long CACHE_TTL_MILLIS = 30_000;

    private final GatewayRepository repository;
    private final ApplicationEventPublisher<GatewaysChanged> events;
    private final SecretBox secrets;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> byTokenHash = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Cached> byId = new ConcurrentHashMap<>();

    public GatewayRegistry(
            GatewayRepository repository,
            ApplicationEventPublisher<GatewaysChanged> events,
            SecretBox secrets,
            Clock clock) {
        this.repository = repository;
        this.events = events;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A gateway and its newly issued token: the only moment the token exists in the clear. */
    public record IssuedToken(Gateway gateway, String token) {}

    /**
     * Registers a new gateway and issues its first token.
     *
     * @throws IllegalArgumentException when the id or site id is not a valid id
     * @throws IllegalStateException    when a gateway with this id exists
     */
    public IssuedToken register(String id, String siteId, SiteKind siteKind) {
        requireId("id", id);
        requireId("siteId", siteId);
        if (siteKind == null) {
            throw new IllegalArgumentException("siteKind is missing (allowed: bridge, school)");
        }
        if (repository.existsById(id)) {
            throw new IllegalStateException("gateway '" + id + "' is already registered: rotate its token instead");
        }
        String token = BearerToken.random();
        Instant now = now();
        Gateway gateway = new Gateway(
                id,
                siteId,
                siteKind,
                BearerToken.hash(token),
                MosquittoPasswordHash.hash(token),
                sealedPsk(id, token),
                true,
                now,
                now);
        repository.save(gateway);
        changed();
        return new IssuedToken(gateway, token);
    }

    /** Issues a new token; the old one stops working at once. */
    public Optional<IssuedToken> rotateToken(String id) {
        return repository.findById(id).map(old -> {
            String token = BearerToken.random();
            Gateway gateway = repository.update(old.withToken(
                    BearerToken.hash(token), MosquittoPasswordHash.hash(token), sealedPsk(id, token), now()));
            changed();
            return new IssuedToken(gateway, token);
        });
    }

    public Optional<Gateway> setEnabled(String id, boolean enabled) {
        return repository.findById(id).map(old -> {
            Gateway gateway = repository.update(old.withEnabled(enabled));
            changed();
            return gateway;
        });
    }

    public boolean delete(String id) {
        if (!repository.existsById(id)) {
            return false;
        }
        repository.deleteById(id);
        changed();
        return true;
    }

    public Optional<Gateway> find(String id) {
        return id == null ? Optional.empty() : repository.findById(id);
    }

    /**
     * The enabled gateway with this id, from the same kind of cache as {@link #authenticate}: for
     * the MQTT door, which looks up the topic's gateway for every batch.
     */
    public Optional<Gateway> enabled(String id) {
        if (id == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Cached cached = byId.get(id);
        if (cached == null || now - cached.loadedAt > CACHE_TTL_MILLIS) {
            cached = new Cached(repository.findById(id), now);
            if (byId.size() > 10_000) {
                byId.clear();
            }
            byId.put(id, cached);
        }
        return cached.gateway.filter(Gateway::enabled);
    }

    public List<Gateway> list() {
        return repository.listOrderById();
    }

    /** The enabled gateway this token belongs to, or empty. */
    public Optional<Gateway> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = BearerToken.hash(token);
        long now = clock.millis();
        Cached cached = byTokenHash.get(hash);
        if (cached == null || now - cached.loadedAt > CACHE_TTL_MILLIS) {
            cached = new Cached(repository.findByTokenHash(hash), now);
            if (byTokenHash.size() > 10_000) {
                byTokenHash.clear(); // a flood of wrong tokens must not grow the cache without bound
            }
            byTokenHash.put(hash, cached);
        }
        return cached.gateway.filter(Gateway::enabled);
    }

    @Override
    public boolean isGatewayToken(String token) {
        return authenticate(token).isPresent();
    }

    /**
     * The DTLS pre-shared key of an enabled gateway, or empty (also for a gateway registered before
     * PSKs were sealed, until its token is rotated: see {@link Gateway}).
     *
     * @throws IllegalStateException when the key was sealed with another {@code collector.secrets.key}
     */
    public Optional<byte[]> pskOf(Gateway gateway) {
        if (!gateway.enabled() || gateway.coapsPsk() == null) {
            return Optional.empty();
        }
        return Optional.of(secrets.open(gateway.coapsPsk(), pskPlace(gateway.id())));
    }

    private String sealedPsk(String id, String token) {
        return secrets.seal(GatewayToken.pskOf(token), pskPlace(id));
    }

    private static String pskPlace(String gatewayId) {
        return "gateway-psk:" + gatewayId;
    }

    private void changed() {
        byTokenHash.clear();
        byId.clear();
        events.publishEvent(new GatewaysChanged(list()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static void requireId(String what, String value) {
        if (value == null
                || value.isEmpty()
                || value.length() > de.dos2030.iot.model.validation.Validator.MAX_ID_LENGTH
                || !de.dos2030.iot.model.validation.Validator.ID_PATTERN
                        .matcher(value)
                        .matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be 1 to 64 characters of A-Z a-z 0-9 . _ - " + "starting with a letter or digit");
        }
    }

    private record Cached(Optional<Gateway> gateway, long loadedAt) {}

    /** The registry after a change. */
    public record GatewaysChanged(List<Gateway> gateways) {}
}
