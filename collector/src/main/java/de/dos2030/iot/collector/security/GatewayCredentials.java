package de.dos2030.iot.collector.security;

/**
 * What the {@link AccessFilter} asks of the gateway registry, which implements it: whether a token
 * that is no API token belongs to a gateway, so that the answer is 403 (a gateway outside its door)
 * rather than 401. Owned here so that security does not depend on the gateways package.
 */
public interface GatewayCredentials {
    /** Whether this is the token of an enabled gateway. */
    boolean isGatewayToken(String token);
}
