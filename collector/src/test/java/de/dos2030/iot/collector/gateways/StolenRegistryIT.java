package de.dos2030.iot.collector.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.collector.TestBatches;
import de.dos2030.iot.collector.TestCollector;
import de.dos2030.iot.collector.security.Role;
import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.codec.BatchCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, finding 6: an attacker with a copy of the registry's database file, and nothing else,
 * tries to store a batch as a gateway over CoAPS with every key-like value the file holds, and
 * looks for the webhook secret. Before the fix the token hash was the PSK and the secret was plain.
 */
class StolenRegistryIT {
    static final String GATEWAY = "stolen-gw";

    @TempDir
    Path dir;

    int securePort;

    @Test
    void aCopyOfTheRegistryFileNeitherAuthenticatesOverCoapsNorRevealsWebhookSecrets() throws Exception {
        Path registry = dir.resolve("registry");
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", "jdbc:h2:file:" + registry);
        props.put("collector.coap.enabled", true);
        props.put("collector.coap.bind-address", "127.0.0.1");
        securePort = TestCollector.freeUdpPort();
        props.put("collector.coap.secure-port", securePort);

        String token;
        String webhookSecret;
        try (TestCollector collector = new TestCollector(props)) {
            token = collector.register(GATEWAY, "stolen-site", SiteKind.SCHOOL).token();
            String engineer = collector.apiToken("stolen-engineer", Role.ENGINEER);
            var created = collector.send(
                    "POST",
                    "/api/v1/subscriptions",
                    engineer,
                    "{\"channel\":\"webhook\",\"target\":\"http://127.0.0.1:9/hook\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            webhookSecret = created.body().replaceAll(".*\"secret\":\"(whsec_[^\"]+)\".*", "$1");
            assertThat(webhookSecret).startsWith("whsec_");
        }
        Path file = Path.of(registry + ".mv.db");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .as("the registry file is its owner's only")
                .isEqualTo("rw-------");

        // The attacker's copy: the raw bytes and what a SQL client reads from them.
        Path copy = Files.copy(file, dir.resolve("copy.mv.db"));
        assertThat(new String(Files.readAllBytes(copy), StandardCharsets.ISO_8859_1))
                .doesNotContain(webhookSecret)
                .doesNotContain(webhookSecret.substring("whsec_".length()));
        String tokenHash;
        String sealedPsk;
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("copy"), "sa", "");
                ResultSet gw = c.createStatement()
                        .executeQuery("SELECT token_hash, coaps_psk FROM gateway WHERE id = '" + GATEWAY + "'")) {
            assertThat(gw.next()).isTrue();
            tokenHash = gw.getString(1);
            sealedPsk = gw.getString(2);
            try (ResultSet sub = c.createStatement().executeQuery("SELECT secret FROM subscription")) {
                assertThat(sub.next()).isTrue();
                assertThat(sub.getString(1)).startsWith("v1:").doesNotContain(webhookSecret);
            }
        }

        props.put("collector.coap.secure-port", securePort = TestCollector.freeUdpPort());
        try (TestCollector collector = new TestCollector(props)) {
            byte[] batch = BatchCodec.cbor().encode(TestBatches.school(GATEWAY, "stolen-site", "boot-stolen", 0, 2));
            // The attack as reproduced: the stored token hash as the pre-shared key.
            assertThat(postOverCoaps(HexFormat.of().parseHex(tokenHash), batch))
                    .as("the token hash from the file")
                    .isNull();
            // Whatever the sealed column holds, without the operator's key.
            byte[] sealed = Base64.getDecoder().decode(sealedPsk.substring("v1:".length()));
            assertThat(postOverCoaps(java.util.Arrays.copyOfRange(sealed, 12, 44), batch))
                    .as("bytes of the sealed PSK")
                    .isNull();
            // The gateway itself, which has its token, still gets in.
            CoapResponse own = postOverCoaps(GatewayToken.pskOf(token), batch);
            assertThat(own).isNotNull();
            assertThat(own.getCode()).as(own.getResponseText()).isEqualTo(CoAP.ResponseCode.CHANGED);
        }
    }

    /** The answer to a CoAPS POST with this key as the gateway's, or null when the handshake fails. */
    private CoapResponse postOverCoaps(byte[] key, byte[] batch) throws Exception {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAdvancedPskStore(new AdvancedSinglePskStore(GATEWAY, key))
                .build();
        CoapEndpoint endpoint = new CoapEndpoint.Builder()
                .setConfiguration(config)
                .setConnector(new DTLSConnector(dtls))
                .build();
        CoapClient client = new CoapClient("coaps://127.0.0.1:" + securePort + "/batches");
        client.setEndpoint(endpoint);
        client.setTimeout(5_000L);
        try {
            return client.post(batch, MediaTypeRegistry.APPLICATION_CBOR);
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }
}
