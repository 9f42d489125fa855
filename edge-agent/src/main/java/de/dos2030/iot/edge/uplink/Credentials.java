package de.dos2030.iot.edge.uplink;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * A gateway's secrets for one endpoint, read from the endpoint's {@code credentials-file} (a Java
 * properties file kept out of the configuration, readable only by the agent's user):
 * <pre>
 * username=gw-bridge-1        # MQTT
 * password=...                # MQTT
 * token=...                   # HTTP bearer token
 * psk-identity=gw-bridge-1    # CoAP over DTLS
 * psk-key-hex=00112233...     # CoAP over DTLS, the pre-shared key as hex
 * </pre>
 */
public record Credentials(Optional<String> username, Optional<String> password, Optional<String> token,
                          Optional<String> pskIdentity, Optional<byte[]> pskKey) {

    public static Credentials none() {
        return new Credentials(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @throws IllegalArgumentException naming the file and key when it cannot be read or a value is malformed
     */
    public static Credentials load(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read credentials file " + file + ": " + e.getMessage()
                    + " (it must be readable by the agent's user)", e);
        }
        Optional<byte[]> key;
        try {
            key = value(p, "psk-key-hex").map(HexFormat.of()::parseHex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("credentials file " + file + ": psk-key-hex is not hexadecimal", e);
        }
        return new Credentials(value(p, "username"), value(p, "password"), value(p, "token"),
                value(p, "psk-identity"), key);
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
