package de.dos2030.iot.collector.alerts.delivery;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses a webhook may reach: public ones only, so that a subscription cannot turn the collector
 * against its own network (InfluxDB, the broker, cloud metadata on 169.254.169.254). Loopback, link-local,
 * private (RFC 1918, IPv6 unique-local), carrier-grade NAT, multicast and wildcard addresses are refused
 * unless an admin allow-lists the target ({@code collector.delivery.allowed-private-targets}: {@code host}
 * or {@code host:port}, as written in the target URL).
 *
 * <p>{@link #resolve} is the one DNS look-up per attempt, and the sender connects to exactly the address it
 * returns: a name that resolves to a public address when checked and to a private one a moment later (DNS
 * rebinding) cannot slip through.
 */
public final class WebhookTargets {
    /** Looks a host name up; a seam for tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] all(String host) throws UnknownHostException;
    }

    private final Set<String> allowedPrivate;
    private final Resolver resolver;

    public WebhookTargets(List<String> allowedPrivateTargets, Resolver resolver) {
        this.allowedPrivate = allowedPrivateTargets.stream()
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /**
     * The address to connect to for {@code target}: the first its host resolves to, after every one of them
     * was checked.
     *
     * @throws IllegalArgumentException naming the host (never the address) when it is not allowed or unknown
     */
    public InetAddress resolve(URI target) {
        String host = target.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.all(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("webhook host '" + host + "' is unknown");
        }
        if (!isAllowListed(target)) {
            for (InetAddress a : addresses) {
                if (!isPublic(a)) {
                    throw new IllegalArgumentException("webhook host '" + host
                            + "' is not a public address: the collector does not call its own network"
                            + " (an admin may allow-list it in collector.delivery.allowed-private-targets)");
                }
            }
        }
        return addresses[0];
    }

    private boolean isAllowListed(URI target) {
        String host = target.getHost().toLowerCase(Locale.ROOT);
        int port = target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
        return allowedPrivate.contains(host) || allowedPrivate.contains(host + ":" + port);
    }

    /** A unicast address on the public internet. */
    static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()
                || a.isAnyLocalAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (isIpv4Mapped(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first != 0 // 0.0.0.0/8 "this network"
                && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                && first < 240; // 240.0.0.0/4 reserved, 255.255.255.255 broadcast
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
