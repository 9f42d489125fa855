package de.dos2030.iot.collector.gateways;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Mosquitto apply freshly written password and ACL files by running the operator's
 * {@code collector.mosquitto.reload-command}. Mosquitto re-reads both files on SIGHUP and checks
 * every later publish against them, so a revoked token stops publishing within a reload.
 */
@Singleton
public class MosquittoReload {
    private static final Logger LOG = LoggerFactory.getLogger(MosquittoReload.class);

    private final MosquittoFilesConfig config;

    public MosquittoReload(MosquittoFilesConfig config) {
        this.config = config;
    }

    /** Runs the reload command; returns whether it ran and succeeded (false also when none is configured). */
    public boolean reload() {
        String command = config.reloadCommand();
        if (command == null || command.isBlank()) {
            LOG.warn("Mosquitto's files changed but collector.mosquitto.reload-command is not set:"
                    + " revoked gateway tokens keep working on MQTT until Mosquitto is reloaded (SIGHUP)");
            return false;
        }
        try {
            Process process = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(config.reloadTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                LOG.error(
                        "Mosquitto reload command '{}' did not finish within {}: revoked gateway tokens may still"
                                + " work on MQTT; reload Mosquitto by hand (SIGHUP)",
                        command,
                        config.reloadTimeout());
                return false;
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0) {
                LOG.error(
                        "Mosquitto reload command '{}' failed with exit code {}: {}; revoked gateway tokens may"
                                + " still work on MQTT: reload Mosquitto by hand (SIGHUP)",
                        command,
                        process.exitValue(),
                        output);
                return false;
            }
            LOG.info("Mosquitto reloaded ('{}')", command);
            return true;
        } catch (IOException e) {
            LOG.error(
                    "Cannot run Mosquitto reload command '{}': {}; reload Mosquitto by hand (SIGHUP)",
                    command,
                    e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
