package de.dos2030.iot.edge.update;

import de.dos2030.iot.model.FleetChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent reports about updates when it starts: the launcher's {@code reverted.json} (it switched back
 * because the new agent did not prove healthy) becomes ROLLED_BACK with the launcher's reason, and is then
 * kept as {@code reverted-reported.json} for the operator; an update still on trial for this very version
 * is APPLYING again (the health report lost it with the restart). A half-finished download is removed.
 */
public final class UpdateOutcomeOnStart {
    private static final Logger log = LoggerFactory.getLogger(UpdateOutcomeOnStart.class);
    private static final Pattern LINE = Pattern.compile("^\\s*\"([a-zA-Z0-9]+)\":\\s*\"?([^\"]*?)\"?,?\\s*$");

    private UpdateOutcomeOnStart() {}

    /**
     * @param slotsDir       {@code <state>/agent}
     * @param runningVersion {@code Agent.VERSION}
     * @return the change reported, if any
     */
    public static Optional<FleetChange> report(
            Path slotsDir, String runningVersion, java.time.Clock clock, Consumer<FleetChange> outcomes) {
        try {
            Files.deleteIfExists(slotsDir.resolve("download.part"));
            Path reverted = slotsDir.resolve("reverted.json");
            Optional<FleetChange> change = Optional.empty();
            try {
                String text = Files.readString(reverted, StandardCharsets.UTF_8);
                change = Optional.of(rolledBack(text, clock.instant()));
                Files.move(reverted, slotsDir.resolve("reverted-reported.json"), StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException none) {
                Optional<PendingUpdate> pending = new AgentSlots(slotsDir).pending();
                if (pending.isPresent() && pending.get().version().equals(runningVersion)) {
                    change = Optional.of(new FleetChange(
                            FleetChange.Kind.AGENT,
                            runningVersion,
                            FleetChange.Outcome.APPLYING,
                            null,
                            clock.instant()));
                }
            }
            change.ifPresent(c -> log.info(
                    "event=agent-update-outcome version={} outcome={} reason=\"{}\"",
                    c.version(),
                    c.outcome(),
                    c.reason()));
            change.ifPresent(outcomes);
            return change;
        } catch (IOException | IllegalArgumentException e) {
            log.warn("event=agent-update-outcome-unreadable dir={} reason=\"{}\"", slotsDir, e.toString());
            return Optional.empty();
        }
    }

    /** The ROLLED_BACK change of a revert record ({@code version}, {@code reason}, {@code at} epoch seconds). */
    static FleetChange rolledBack(String json, Instant fallback) {
        String version = null;
        String reason = "the launcher switched back to the previous agent";
        Instant at = fallback;
        for (String line : json.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            switch (m.group(1)) {
                case "version" -> version = m.group(2);
                case "reason" -> reason = m.group(2);
                case "at" ->
                    at = Instant.ofEpochSecond(Long.parseLong(m.group(2).trim()));
                default -> {}
            }
        }
        PendingUpdate.requireVersion(version);
        return new FleetChange(FleetChange.Kind.AGENT, version, FleetChange.Outcome.ROLLED_BACK, reason, at);
    }
}
