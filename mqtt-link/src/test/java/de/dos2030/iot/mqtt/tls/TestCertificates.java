package de.dos2030.iot.mqtt.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and a server certificate for {@code localhost} and {@code 127.0.0.1}, made by the test with the
 * JDK's keytool (no other tool needed): a PKCS12 key store for the collector's HTTPS, and PEM files (CA, chain,
 * PKCS8 key) for Mosquitto and for clients that trust only this CA.
 */
public final class TestCertificates {
    public static final String PASSWORD = "test-store-secret";

    public final Path dir;
    public final Path caPem;
    public final Path serverP12;
    public final Path serverChainPem;
    public final Path serverKeyPem;

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.caPem = dir.resolve("ca.pem");
        this.serverP12 = dir.resolve("server.p12");
        this.serverChainPem = dir.resolve("server-chain.pem");
        this.serverKeyPem = dir.resolve("server-key.pem");
    }

    public static TestCertificates create() throws IOException, InterruptedException, GeneralSecurityException {
        TestCertificates c = new TestCertificates(Files.createTempDirectory("dos-tls"));
        Path ca = c.dir.resolve("ca.p12");
        Path csr = c.dir.resolve("server.csr");
        Path signed = c.dir.resolve("server.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=DOS IoT test CA",
                "-ext",
                "bc:c",
                "-keystore",
                ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", c.caPem.toString());
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-keystore",
                c.serverP12.toString());
        keytool("-certreq", "-alias", "server", "-keystore", c.serverP12.toString(), "-file", csr.toString());
        keytool(
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-infile",
                csr.toString(),
                "-outfile",
                signed.toString(),
                "-rfc",
                "-validity",
                "2",
                "-ext",
                "san=dns:localhost,ip:127.0.0.1",
                "-ext",
                "eku=serverAuth");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                c.caPem.toString(),
                "-keystore",
                c.serverP12.toString());
        keytool("-importcert", "-alias", "server", "-file", signed.toString(), "-keystore", c.serverP12.toString());
        c.writePem();
        return c;
    }

    private void writePem() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverP12)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Key key = store.getKey("server", PASSWORD.toCharArray());
        Files.writeString(serverKeyPem, pem("PRIVATE KEY", key.getEncoded()));
        List<String> chain = new ArrayList<>();
        for (Certificate cert : store.getCertificateChain("server")) {
            chain.add(pem("CERTIFICATE", cert.getEncoded()));
        }
        Files.writeString(serverChainPem, String.join("", chain));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
