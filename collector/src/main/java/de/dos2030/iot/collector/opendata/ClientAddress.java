package de.dos2030.iot.collector.opendata;

import io.micronaut.core.annotation.Nullable;
import java.util.Set;

/**
 * The address a request came from, for the rate limit. The connection's peer, unless that peer is a
 * trusted reverse proxy: then the right-most address of {@code X-Forwarded-For} that is not itself a
 * trusted proxy (the left-most entries are whatever the client chose to send, so they are never believed).
 */
final class ClientAddress {
    private ClientAddress() {}

    /**
     * @param peer           the TCP peer's address (no port)
     * @param forwardedFor   the {@code X-Forwarded-For} header, or null
     * @param trustedProxies exact addresses of proxies whose header is believed
     */
    static String of(String peer, @Nullable String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty() || hop.length() > 64) {
                return peer; // garbled header: count the proxy itself rather than something made up
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
