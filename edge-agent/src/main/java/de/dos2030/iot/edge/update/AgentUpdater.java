package de.dos2030.iot.edge.update;

import de.dos2030.iot.model.FleetChange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the agent release the collector asks for (desired state {@code agent}): download, check the SHA-256
 * and the operator's Ed25519 signature ({@link ReleaseKeys}), install into the inactive slot ({@link AgentSlots}),
 * write {@code pending.json}, switch {@code current}, report {@link FleetChange.Outcome#APPLYING} and ask for a
 * restart; {@code launch-agent.sh} starts the new jar and reverts it if it does not prove healthy in time.
 * On the new agent, {@link #confirmHealthy()} commits the update.
 *
 * <p>Outcomes go to the consumer (the health report's {@code changes}); a release refused once (wrong signature,
 * wrong SHA-256, unusable download) is not downloaded again until the desired state names another one.
 * Thread-safe (one offer at a time); {@link #offer} blocks for the download.
 */
public final class AgentUpdater {
    private static final Logger log = LoggerFactory.getLogger(AgentUpdater.class);
    /** Exit code for "restart me on the new agent": the unit has {@code RestartForceExitStatus=75}. */
    public static final int RESTART_EXIT_CODE = 75;
    /** Largest jar downloaded (the collector's own limit is the same). */
    public static final long MAX_JAR_BYTES = 64L * 1024 * 1024;

    private final URI collector;
    private final Optional<String> token;
    private final Path releaseKey;
    private final AgentSlots slots;
    private final Duration updateWatch;
    private final Clock clock;
    private final String runningVersion;
    private final Consumer<FleetChange> outcomes;
    private final Runnable restart;
    private final HttpClient http;
    private final Duration downloadTimeout;
    private final Set<String> refused = new HashSet<>();
    /** Called after each step that changes the slots (tests stop the update there, as a kill -9 would). */
    Consumer<String> afterStep = step -> {};

    /**
     * @param collector      the collector's base URI ({@code fleet.collector-url}); a release URL is resolved on it
     * @param token          the gateway's token (bearer of the download)
     * @param releaseKey     the operator's public key (X.509 PEM, {@code fleet.release-key})
     * @param slotsDir       {@code <state>/agent}
     * @param updateWatch    how long the new agent may take to prove healthy ({@code fleet.update-watch})
     * @param runningVersion {@code Agent.VERSION}
     * @param outcomes       where APPLYING, COMMITTED and REFUSED go
     * @param restart        stops the agent gracefully and exits with {@link #RESTART_EXIT_CODE}
     */
    public AgentUpdater(
            URI collector,
            Optional<String> token,
            Path releaseKey,
            Path slotsDir,
            Duration updateWatch,
            Clock clock,
            String runningVersion,
            Consumer<FleetChange> outcomes,
            Runnable restart) {
        this(
                collector,
                token,
                releaseKey,
                slotsDir,
                updateWatch,
                clock,
                runningVersion,
                outcomes,
                restart,
                Duration.ofMinutes(10));
    }

    AgentUpdater(
            URI collector,
            Optional<String> token,
            Path releaseKey,
            Path slotsDir,
            Duration updateWatch,
            Clock clock,
            String runningVersion,
            Consumer<FleetChange> outcomes,
            Runnable restart,
            Duration downloadTimeout) {
        this.collector = collector;
        this.token = token;
        this.releaseKey = releaseKey;
        this.slots = new AgentSlots(slotsDir);
        this.updateWatch = updateWatch;
        this.clock = clock;
        this.runningVersion = runningVersion;
        this.outcomes = outcomes;
        this.restart = restart;
        this.downloadTimeout = downloadTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What became of an offer. */
    public enum Result {
        /** Already running, already being tried, rolled back or refused before: nothing done. */
        SKIPPED,
        /** Refused and reported (REFUSED). */
        REFUSED,
        /** The download failed for a passing reason (network, 5xx): nothing reported, the next offer tries again. */
        TRY_LATER,
        /** Installed and switched on (APPLYING reported, restart asked for). */
        SWITCHED
    }

    /** Offers the desired release; see the class comment. */
    public synchronized Result offer(String version, String sha256, String signatureBase64, String url) {
        String key = version + " " + sha256 + " " + signatureBase64;
        if (version == null || version.equals(runningVersion) || refused.contains(key)) {
            return Result.SKIPPED;
        }
        try {
            PendingUpdate.requireVersion(version);
            if (sha256 == null || !PendingUpdate.SHA256.matcher(sha256).matches()) {
                return refuse(key, version, "the desired state's sha256 '" + sha256 + "' is not 64 lower-case hex");
            }
            Optional<String> current = slots.current();
            if (current.isEmpty()) {
                return refuse(
                        key,
                        version,
                        "this agent was not started from A/B slots (" + slots.dir()
                                + "/current is missing): install it with scripts/install-gateway.sh, which runs launch-agent.sh");
            }
            if (slots.pending().isPresent() || slots.failedBefore(version, sha256)) {
                return Result.SKIPPED; // an update is on trial, or this one was rolled back here already
            }
            Path download = slots.dir().resolve("download.part");
            Optional<Failure> failed = download(url, download);
            if (failed.isPresent()) {
                Files.deleteIfExists(download);
                return failed.get().result() == Result.REFUSED
                        ? refuse(key, version, failed.get().reason())
                        : failed.get().result();
            }
            byte[] actual = ReleaseKeys.sha256(download);
            if (!ReleaseKeys.hex(actual).equals(sha256)) {
                Files.deleteIfExists(download);
                return refuse(
                        key,
                        version,
                        "sha256 differs: the desired state names " + sha256 + ", the download is "
                                + ReleaseKeys.hex(actual));
            }
            PublicKey operator = ReleaseKeys.readPublic(releaseKey);
            if (!ReleaseKeys.verify(operator, actual, signatureBase64 == null ? "" : signatureBase64)) {
                Files.deleteIfExists(download);
                return refuse(key, version, "signature does not match the operator key (" + releaseKey + ")");
            }
            String slot = AgentSlots.other(current.get());
            slots.install(slot, download, version);
            afterStep.accept("installed");
            Files.deleteIfExists(download);
            slots.writePending(new PendingUpdate(
                    version, sha256, slot, current.get(), clock.instant().plus(updateWatch), updateWatch, 0));
            afterStep.accept("pending");
            slots.switchTo(slot);
            afterStep.accept("switched");
            log.info(
                    "event=agent-update-switched version={} slot={} previous={} watch={}",
                    version,
                    slot,
                    current.get(),
                    updateWatch);
            report(version, FleetChange.Outcome.APPLYING, null);
            restart.run();
            return Result.SWITCHED;
        } catch (IllegalArgumentException e) {
            return refuse(key, version, e.getMessage());
        } catch (IOException e) {
            log.warn("event=agent-update-failed version={} reason=\"{}\" (will try again)", version, e.toString());
            return Result.TRY_LATER;
        }
    }

    private record Failure(Result result, String reason) {
        static Optional<Failure> refused(String reason) {
            return Optional.of(new Failure(Result.REFUSED, reason));
        }

        static Optional<Failure> later() {
            return Optional.of(new Failure(Result.TRY_LATER, null));
        }
    }

    /** Downloads to {@code target}; empty when complete, else why not. */
    private Optional<Failure> download(String url, Path target) throws IOException {
        URI from = collector.resolve(url);
        if (!from.getScheme().equals(collector.getScheme())
                || !from.getAuthority().equals(collector.getAuthority())) {
            return Failure.refused("release URL " + url + " is not on the collector " + collector
                    + ": the gateway downloads only from its own collector");
        }
        HttpRequest.Builder request =
                HttpRequest.newBuilder(from).timeout(downloadTimeout).GET();
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            log.warn("event=agent-download-failed url={} reason=\"{}\" (will try again)", from, e.toString());
            return Failure.later();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Failure.later();
        }
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status >= 500 || status == 429) {
                log.warn("event=agent-download-failed url={} status={} (will try again)", from, status);
                return Failure.later();
            }
            if (status != 200) {
                return Failure.refused("download of " + from + " answered HTTP " + status);
            }
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > MAX_JAR_BYTES) {
                return Failure.refused("release is " + length + " bytes, more than the " + MAX_JAR_BYTES + " allowed");
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                    if (total > MAX_JAR_BYTES) {
                        return Failure.refused("release is larger than the " + MAX_JAR_BYTES + " bytes allowed");
                    }
                    out.write(buffer, 0, n);
                }
            }
            try (FileChannel c = FileChannel.open(target, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            return Optional.empty();
        } catch (IOException e) {
            log.warn("event=agent-download-failed url={} reason=\"{}\" (will try again)", from, e.toString());
            return Failure.later();
        }
    }

    /**
     * Commits the running agent's update, if it is on trial: call it on the new agent once its sensors answer
     * and the collector acknowledged an uplink batch. Deletes {@code pending.json} and reports COMMITTED.
     *
     * @return whether an update was committed
     */
    public synchronized boolean confirmHealthy() {
        try {
            Optional<PendingUpdate> pending = slots.pending();
            if (pending.isEmpty() || !pending.get().version().equals(runningVersion)) {
                return false; // nothing on trial, or this is still the old agent (the switch has not restarted yet)
            }
            slots.deletePending();
            log.info("event=agent-update-committed version={}", runningVersion);
            report(runningVersion, FleetChange.Outcome.COMMITTED, null);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("event=agent-update-commit-failed reason=\"{}\"", e.toString());
            return false;
        }
    }

    /**
     * Whether the running agent is a new one on trial whose time ran out: then the caller restarts it with
     * {@link #RESTART_EXIT_CODE} and the launcher reverts (a hung JVM gets there through the systemd watchdog).
     */
    public synchronized boolean overdue() {
        try {
            Optional<PendingUpdate> pending = slots.pending();
            return pending.isPresent()
                    && pending.get().version().equals(runningVersion)
                    && !clock.instant().isBefore(pending.get().deadline());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private Result refuse(String key, String version, String reason) {
        refused.add(key);
        log.warn("event=agent-update-refused version={} reason=\"{}\"", version, reason);
        report(version, FleetChange.Outcome.REFUSED, reason);
        return Result.REFUSED;
    }

    private void report(String version, FleetChange.Outcome outcome, String reason) {
        outcomes.accept(new FleetChange(FleetChange.Kind.AGENT, version, outcome, reason, clock.instant()));
    }
}
