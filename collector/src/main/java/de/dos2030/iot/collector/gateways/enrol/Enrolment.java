package de.dos2030.iot.collector.gateways.enrol;

import de.dos2030.iot.collector.gateways.Gateway;
import de.dos2030.iot.collector.gateways.GatewayRegistry;
import de.dos2030.iot.collector.statedb.RelationalStore;
import de.dos2030.iot.model.SiteKind;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claim codes: issued by an admin for a gateway id, site and kind; redeemed once by the gateway for its
 * credentials. A redeemed code registers the gateway; for a gateway that is already registered (a Pi
 * replaced, an SD card rewritten) it rotates the token instead, so the old credentials stop working.
 * Thread-safe; blocking (database).
 */
@Singleton
public class Enrolment {
    private final RelationalStore store;
    private final ClaimStore claims;
    private final GatewayRegistry registry;
    private final FailedAttempts failures;
    private final EnrolConfig config;
    private final Clock clock;

    Enrolment(
            RelationalStore store,
            ClaimStore claims,
            GatewayRegistry registry,
            FailedAttempts failures,
            EnrolConfig config,
            Clock clock) {
        this.store = store;
        this.claims = claims;
        this.registry = registry;
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    /** What an admin asks for: one gateway and where it goes. */
    public record ClaimRequest(
            String gatewayId,
            String siteId,
            SiteKind siteKind,
            @Nullable String location) {}

    /** A new claim and its code in the clear: the only moment the code exists outside the admin's sheet. */
    public record IssuedClaim(String code, Claim claim) {}

    /**
     * Issues one code for each request, all in one transaction (all or none); each replaces the open codes
     * of its gateway.
     *
     * @param validFor null for {@code collector.enrol.default-validity}
     * @throws IllegalArgumentException for a bad id, kind or validity
     * @throws IllegalStateException    when a gateway is registered with another site or kind
     */
    public List<IssuedClaim> issue(List<ClaimRequest> requests, @Nullable Duration validFor, String createdBy) {
        Duration validity = validity(validFor);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<IssuedClaim> out = new ArrayList<>();
        for (ClaimRequest r : requests) {
            Claim claim = new Claim(
                    r.gatewayId(), r.siteId(), r.siteKind(), r.location(), createdBy, now, now.plus(validity), null);
            registry.find(r.gatewayId()).flatMap(g -> mismatch(g, claim)).ifPresent(m -> {
                throw new IllegalStateException(m);
            });
            out.add(new IssuedClaim(ClaimCode.random(), claim));
        }
        store.inTransaction(c -> {
            for (IssuedClaim issued : out) {
                claims.replaceOpen(
                        c, ClaimCode.hash(ClaimCode.normalise(issued.code()).orElseThrow()), issued.claim());
            }
            return null;
        });
        return out;
    }

    /** The validity to use: the default for null; otherwise it must be positive and at most the maximum. */
    Duration validity(@Nullable Duration validFor) {
        if (validFor == null) {
            return config.defaultValidity();
        }
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(config.maxValidity()) > 0) {
            throw new IllegalArgumentException("validFor '" + validFor + "' must be positive and at most "
                    + config.maxValidity() + " (ISO-8601, e.g. PT72H or P7D)");
        }
        return validFor;
    }

    /**
     * Redeems a code: uses it and registers the gateway (or rotates its token), in one transaction.
     *
     * @param askedFor the gateway id the caller says it is (from its configuration), or null
     * @param askedSite the site id the caller says it is at, or null
     * @param client   the caller's address, for throttling and the record of who used the code
     */
    public Redemption redeem(String typed, @Nullable String askedFor, @Nullable String askedSite, String client) {
        Duration wait = failures.waitFor(client);
        if (!wait.isZero()) {
            return new Redemption.Throttled(wait);
        }
        Optional<String> canonical = ClaimCode.normalise(typed);
        Redemption outcome;
        if (canonical.isEmpty()) {
            outcome = new Redemption.Malformed();
        } else {
            String hash = ClaimCode.hash(canonical.get());
            try {
                outcome = store.inTransaction(c -> redeem(c, hash, askedFor, askedSite, client));
            } catch (SiteConflict e) {
                outcome = new Redemption.Conflict(e.getMessage());
            }
        }
        if (!(outcome instanceof Redemption.Enrolled) && !(outcome instanceof Redemption.Conflict)) {
            failures.failed(client);
        }
        return outcome;
    }

    private Redemption redeem(
            Connection c, String hash, @Nullable String askedFor, @Nullable String askedSite, String client)
            throws SQLException {
        Optional<Claim> found = claims.lock(c, hash);
        if (found.isEmpty()) {
            return new Redemption.Unknown();
        }
        Claim claim = found.get();
        if ((askedFor != null && !askedFor.equals(claim.gatewayId()))
                || (askedSite != null && !askedSite.equals(claim.siteId()))) {
            return new Redemption.OtherGateway(
                    "gateway '" + claim.gatewayId() + "' at site '" + claim.siteId() + "'",
                    "gateway '" + (askedFor == null ? claim.gatewayId() : askedFor) + "' at site '"
                            + (askedSite == null ? claim.siteId() : askedSite) + "'");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!claims.use(c, hash, now, client)) {
            return claim.usedAt() != null
                    ? new Redemption.Used(claim.usedAt())
                    : new Redemption.Expired(claim.expiresAt());
        }
        // The registry writes on its own connection; should it fail, the exception rolls the claim back
        // here and the code stays open for another try.
        Optional<Gateway> existing = registry.find(claim.gatewayId());
        if (existing.isPresent()) {
            Optional<String> m = mismatch(existing.get(), claim);
            if (m.isPresent()) {
                throw new SiteConflict(m.get());
            }
            return new Redemption.Enrolled(
                    claim, registry.rotateToken(claim.gatewayId()).orElseThrow(), true);
        }
        try {
            return new Redemption.Enrolled(
                    claim, registry.register(claim.gatewayId(), claim.siteId(), claim.siteKind()), false);
        } catch (IllegalStateException e) {
            throw new SiteConflict(e.getMessage()); // registered by an admin in the meantime
        }
    }

    private static Optional<String> mismatch(Gateway g, Claim claim) {
        if (g.siteId().equals(claim.siteId()) && g.siteKind() == claim.siteKind()) {
            return Optional.empty();
        }
        return Optional.of("gateway '" + g.id() + "' is registered at site '" + g.siteId() + "' ("
                + g.siteKind().wireName() + "), the claim says '" + claim.siteId() + "' ("
                + claim.siteKind().wireName() + "): delete the gateway first to move it");
    }

    /** Rolls the redemption back: the gateway's registration contradicts the claim. */
    private static final class SiteConflict extends RuntimeException {
        SiteConflict(String message) {
            super(message);
        }
    }
}
