package de.dos2030.iot.edge.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.edge.cli.EdgeAgentCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseKeysTest {
    @TempDir
    Path tmp;

    Path jar(String name, long seed) throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(seed).nextBytes(bytes);
        return Files.write(tmp.resolve(name), bytes);
    }

    @Test
    void aSignatureOfTheOperatorKeyVerifiesAndAnyTamperingOrOtherKeyDoesNot() throws Exception {
        KeyPair operator = ReleaseKeys.generate();
        KeyPair stranger = ReleaseKeys.generate();
        Path jar = jar("agent.jar", 1);
        byte[] sha = ReleaseKeys.sha256(jar);
        String signature = ReleaseKeys.sign(operator.getPrivate(), sha);

        assertThat(ReleaseKeys.verify(operator.getPublic(), sha, signature)).isTrue();
        byte[] tampered = Files.readAllBytes(jar);
        tampered[100_000] ^= 1;
        Files.write(jar, tampered);
        assertThat(ReleaseKeys.verify(operator.getPublic(), ReleaseKeys.sha256(jar), signature))
                .as("one flipped bit")
                .isFalse();
        assertThat(ReleaseKeys.verify(stranger.getPublic(), sha, signature))
                .as("another key")
                .isFalse();
        assertThat(ReleaseKeys.verify(operator.getPublic(), sha, ReleaseKeys.sign(stranger.getPrivate(), sha)))
                .as("signed by a stranger")
                .isFalse();
        assertThat(ReleaseKeys.verify(operator.getPublic(), sha, ""))
                .as("unsigned")
                .isFalse();
        assertThat(ReleaseKeys.verify(operator.getPublic(), sha, "not base64 !"))
                .isFalse();
    }

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerReadsAndSignPrintsTheDigestAndSignature() throws Exception {
        StringWriter out = new StringWriter();
        var cli = EdgeAgentCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out));
        Path keys = tmp.resolve("keys");
        assertThat(cli.execute("release", "keygen", "--out", keys.toString()))
                .as(out.toString())
                .isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("release-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(keys.resolve("release-key.pub"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(cli.execute("release", "keygen", "--out", keys.toString()))
                .as("never overwrites a key")
                .isEqualTo(2);

        Path jar = jar("edge-agent.jar", 2);
        out.getBuffer().setLength(0);
        assertThat(cli.execute(
                        "release",
                        "sign",
                        "--key",
                        keys.resolve("release-key.pem").toString(),
                        "--jar",
                        jar.toString()))
                .as(out.toString())
                .isZero();
        String sha = ReleaseKeys.hex(ReleaseKeys.sha256(jar));
        assertThat(out.toString()).contains("sha256=" + sha);
        String signature = Files.readString(tmp.resolve("edge-agent.jar.sig")).trim();
        assertThat(out.toString()).contains("signature=" + signature);
        assertThat(ReleaseKeys.verify(
                        ReleaseKeys.readPublic(keys.resolve("release-key.pub")), ReleaseKeys.sha256(jar), signature))
                .isTrue();
    }

    @Test
    void aKeyFileThatIsNoPemKeyIsRefusedWithItsName() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.pub"), "hello");
        assertThatThrownBy(() -> ReleaseKeys.readPublic(junk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("junk.pub")
                .hasMessageContaining("BEGIN PUBLIC KEY");
    }
}
