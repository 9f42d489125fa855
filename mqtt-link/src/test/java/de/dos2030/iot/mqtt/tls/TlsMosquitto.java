package de.dos2030.iot.mqtt.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Mosquitto with one TLS listener on loopback, serving the test's certificate (anonymous: it lives for one test). */
public final class TlsMosquitto {
    private TlsMosquitto() {}

    /** Starts it and waits until it listens; the caller destroys the process. */
    public static Process start(TestCertificates certs, int port) throws IOException, InterruptedException {
        Path conf = certs.dir.resolve("mosquitto-" + port + ".conf");
        Path log = certs.dir.resolve("mosquitto-" + port + ".log");
        Files.writeString(
                conf,
                "user " + System.getProperty("user.name") + "\npersistence false\n"
                        + "listener " + port + " 127.0.0.1\nallow_anonymous true\n"
                        + "certfile " + certs.serverChainPem + "\nkeyfile " + certs.serverKeyPem + "\n");
        String bin = Files.isExecutable(Path.of("/usr/sbin/mosquitto")) ? "/usr/sbin/mosquitto" : "mosquitto";
        Process p = new ProcessBuilder(bin, "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IOException("the TLS broker exited: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
        p.destroy();
        throw new IOException("the TLS broker did not listen on " + port);
    }
}
