package de.dos2030.iot.edge.uplink.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A Mosquitto broker of the test's own (Debian's {@code mosquitto}), on a free loopback port, so
 * that a test can stop and restart it without touching the shared development broker.
 */
public final class MosquittoProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    public MosquittoProcess(Path dir) throws IOException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                "listener " + port + " 127.0.0.1\n"
                        + "allow_anonymous true\nuser " + System.getProperty("user.name")
                        + "\npersistence false\nmax_queued_messages 100000\nlog_dest file "
                        + dir.resolve("mosquitto.log") + "\n");
    }

    /** Refuses anonymous clients: only {@code user} with {@code password} (and the test's own responder user) may connect. */
    public MosquittoProcess requirePassword(String user, String password) throws IOException, InterruptedException {
        Path passwd = dir.resolve("passwd");
        for (String[] account : new String[][] {{user, password}, {RESPONDER_USER, RESPONDER_PASSWORD}}) {
            Process p = new ProcessBuilder("mosquitto_passwd", "-b", passwd.toString(), account[0], account[1])
                    .redirectErrorStream(true)
                    .start();
            if (!Files.exists(passwd)) {
                p.waitFor();
                p = new ProcessBuilder("mosquitto_passwd", "-c", "-b", passwd.toString(), account[0], account[1])
                        .redirectErrorStream(true)
                        .start();
            }
            if (p.waitFor() != 0) {
                throw new IOException("mosquitto_passwd failed: "
                        + new String(p.getInputStream().readAllBytes()));
            }
        }
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                Files.readString(dir.resolve("mosquitto.conf"))
                        .replace("allow_anonymous true", "allow_anonymous false\npassword_file " + passwd));
        return this;
    }

    public static final String RESPONDER_USER = "collector";
    public static final String RESPONDER_PASSWORD = "collector-test-secret";

    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/sbin/mosquitto")) || Files.isExecutable(Path.of("/usr/bin/mosquitto"));
    }

    public MosquittoProcess start() throws IOException, InterruptedException {
        String bin = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        process = new ProcessBuilder(bin, "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return this;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("mosquitto exited with " + process.exitValue() + ", see " + dir);
                }
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    /** Kills the broker the hard way (SIGKILL): clients see the connection drop. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    /** What the broker logged (errors, warnings, notices: connects and why clients left). */
    public String log() throws IOException {
        Path log = dir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
