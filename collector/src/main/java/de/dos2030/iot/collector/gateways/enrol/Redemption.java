package de.dos2030.iot.collector.gateways.enrol;

import de.dos2030.iot.collector.gateways.GatewayRegistry;
import java.time.Duration;
import java.time.Instant;

/**
 * What became of a claim code a gateway sent ({@link Enrolment#redeem}); mapped to HTTP once, by
 * {@link EnrolController}. Every outcome but {@link Enrolled} left the database as it was.
 */
public sealed interface Redemption {
    /** The gateway is registered (or, if it was, its token rotated); {@code issued} holds the token in the clear. */
    record Enrolled(Claim claim, GatewayRegistry.IssuedToken issued, boolean reEnrolled) implements Redemption {}

    /** The text cannot be a claim code at all (wrong length or characters). */
    record Malformed() implements Redemption {}

    /** No claim has this code (mistyped, or replaced by a newer code for the same gateway). */
    record Unknown() implements Redemption {}

    /** The code was redeemed before. */
    record Used(Instant at) implements Redemption {}

    /** The code's time ran out. */
    record Expired(Instant at) implements Redemption {}

    /**
     * The code belongs to another gateway or site than the caller says it is (from its configuration);
     * the code stays open. {@code claimed} and {@code asked} read "gateway 'x' at site 'y'".
     */
    record OtherGateway(String claimed, String asked) implements Redemption {}

    /** The gateway is registered with another site or kind than the claim says; the code stays open. */
    record Conflict(String message) implements Redemption {}

    /** Too many wrong codes from this address: try again after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements Redemption {}
}
