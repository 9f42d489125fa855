package de.dos2030.iot.edge.update;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edge-agent release keygen|sign}: the operator's tools for signed agent releases (see {@link ReleaseKeys}).
 * Exit codes: 0 done, 2 refused (a key file already there, an unreadable key or jar).
 */
@Command(
        name = "release",
        mixinStandardHelpOptions = true,
        description = "Signed agent releases: make the operator key pair, sign a jar.",
        subcommands = {ReleaseCommand.Keygen.class, ReleaseCommand.Sign.class})
public final class ReleaseCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code release keygen --out DIR}: release-key.pem (private, 0600) and release-key.pub (public). */
    @Command(name = "keygen", mixinStandardHelpOptions = true, description = "Make an Ed25519 release key pair.")
    static final class Keygen implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the two files.")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path privateKey = out.resolve("release-key.pem");
            Path publicKey = out.resolve("release-key.pub");
            if (Files.exists(privateKey) || Files.exists(publicKey)) {
                spec.commandLine()
                        .getErr()
                        .println("release keygen: " + privateKey + " or " + publicKey
                                + " already exists: refusing to overwrite an operator key (move it away first)");
                return 2;
            }
            Files.createDirectories(out);
            KeyPair pair = ReleaseKeys.generate();
            ReleaseKeys.writePrivate(privateKey, pair.getPrivate());
            ReleaseKeys.writePublic(publicKey, pair.getPublic());
            spec.commandLine()
                    .getOut()
                    .println(
                            "private key " + privateKey + " (mode 0600: keep it offline, it signs releases)\n"
                                    + "public key  " + publicKey
                                    + " (to the collector's collector.releases.public-keys and the gateways' fleet.release-key)");
            return 0;
        }
    }

    /** {@code release sign --key FILE --jar FILE}: prints sha256= and signature=, and writes JAR.sig. */
    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign an agent jar with the release key.")
    static final class Sign implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key (PEM).")
        Path key;

        @Option(names = "--jar", required = true, paramLabel = "FILE", description = "The agent jar to sign.")
        Path jar;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(jar)) {
                spec.commandLine().getErr().println("release sign: jar " + jar + " does not exist");
                return 2;
            }
            try {
                byte[] sha = ReleaseKeys.sha256(jar);
                String signature = ReleaseKeys.sign(ReleaseKeys.readPrivate(key), sha);
                Path sig = jar.resolveSibling(jar.getFileName() + ".sig");
                Files.writeString(sig, signature + "\n");
                spec.commandLine().getOut().println("sha256=" + ReleaseKeys.hex(sha));
                spec.commandLine().getOut().println("signature=" + signature);
                spec.commandLine().getOut().println("size=" + Files.size(jar));
                spec.commandLine().getOut().println("signature-file=" + sig);
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("release sign: " + e.getMessage());
                return 2;
            }
        }
    }
}
