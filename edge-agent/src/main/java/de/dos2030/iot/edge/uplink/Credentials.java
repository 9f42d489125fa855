package de.dos2030.iot.edge.uplink;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A gateway's secrets for one endpoint, read from the endpoint's {@code credentials-file} (a Java
 * properties file kept out of the configuration, readable only by the agent's user). The
 * collector issues one token per gateway ({@code scripts/collector-gateways register}); with only
 * {@code token=...} in the file, it is the HTTP bearer token, the MQTT password (user name: the
 * gateway id) and, through {@link #psk()}, the DTLS pre-shared key (identity: the gateway id).
 * Explicit keys override:
 * <pre>
 * token=...                   # the collector's gateway token
 * username=gw-bridge-1        # MQTT, default the gateway id
 * password=...                # MQTT, default the token
 * psk-identity=gw-bridge-1    # CoAP over DTLS, default the gateway id
 * psk-key-hex=00112233...     # CoAP over DTLS, default HMAC-SHA256(token, "dos-coaps-psk")
 * </pre>
 */
public record Credentials(
        Optional<String> username,
        Optional<String> password,
        Optional<String> token,
        Optional<String> pskIdentity,
        Optional<byte[]> pskKey) {
    static final String PSK_LABEL = "dos-coaps-psk";

    public static Credentials none() {
        return new Credentials(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @throws IllegalArgumentException naming the file and key when it cannot be read or a value is malformed
     */
    public static Credentials load(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read credentials file " + file + ": " + e.getMessage()
                            + " (it must be readable by the agent's user)",
                    e);
        }
        Optional<byte[]> key;
        try {
            key = value(p, "psk-key-hex").map(HexFormat.of()::parseHex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credentials file " + file + ": psk-key-hex is not hexadecimal", e);
        }
        return new Credentials(
                value(p, "username"), value(p, "password"), value(p, "token"), value(p, "psk-identity"), key);
    }

    /** The MQTT password: {@code password}, else the token. */
    public Optional<String> mqttPassword() {
        return password.or(() -> token);
    }

    /**
     * The DTLS pre-shared key: {@code psk-key-hex}, else HMAC-SHA256 keyed with the token over
     * {@value #PSK_LABEL}, as the collector derives it (its {@code GatewayToken.pskOf}). A label of
     * its own keeps the key apart from the token's SHA-256, which the collector's registry stores.
     */
    public Optional<byte[]> psk() {
        return pskKey.or(() -> token.map(t -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(t.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return mac.doFinal(PSK_LABEL.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every JDK has HmacSHA256", e);
            }
        }));
    }

    private static Optional<String> value(Properties p, String key) {
        return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-")
                + ", token=" + (token.isPresent() ? "***" : "-") + ", psk-identity=" + pskIdentity.orElse("-") + "]";
    }
}
