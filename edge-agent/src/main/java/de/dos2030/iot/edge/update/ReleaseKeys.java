package de.dos2030.iot.edge.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The operator's release key (Ed25519, the JDK's own implementation) and the release signature.
 *
 * <p>A release signature is Ed25519 over the 32 raw bytes of the jar's SHA-256, not over the jar itself: the
 * JDK's Ed25519 keeps the whole message in memory, and a 13 MB jar twice over does not fit beside a running
 * agent in its 48 MiB heap. The digest binds the jar just as well (SHA-256 is collision resistant), and
 * {@code openssl pkeyutl -verify -rawin} checks it too. Keys are PEM: PKCS#8 private ({@code PRIVATE KEY}),
 * X.509 public ({@code PUBLIC KEY}), as {@code openssl genpkey -algorithm ed25519} writes them.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReleaseKeys {
    static final String ALGORITHM = "Ed25519";

    private ReleaseKeys() {}

    /** A new key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has Ed25519", e);
        }
    }

    /** Writes the private key as PKCS#8 PEM, created with mode 0600 (never readable by others, not even briefly). */
    public static void writePrivate(Path file, PrivateKey key) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes the public key as X.509 PEM. */
    public static void writePublic(Path file, PublicKey key) throws IOException {
        Files.writeString(file, pem("PUBLIC KEY", key.getEncoded()), StandardOpenOption.CREATE_NEW);
    }

    /** @throws IllegalArgumentException naming the file when it is no Ed25519 private key PEM */
    public static PrivateKey readPrivate(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    file + " is not an Ed25519 private key (PKCS#8 PEM): " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException naming the file when it is no Ed25519 public key PEM */
    public static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    file + " is not an Ed25519 public key (X.509 PEM): " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of a file, read as a stream. */
    public static byte[] sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The release signature (Base64) of a jar with this SHA-256. */
    public static String sign(PrivateKey key, byte[] jarSha256) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(jarSha256);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signatureBase64} is the key's release signature of a jar with this SHA-256; false for junk. */
    public static boolean verify(PublicKey key, byte[] jarSha256, String signatureBase64) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(jarSha256);
            return s.verify(Base64.getDecoder().decode(signatureBase64.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(
                    "key file " + file + " has no '" + begin + "' block (expected a PEM file of an Ed25519 key)");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + ": the PEM block is not Base64", e);
        }
    }
}
