package de.dos2030.iot.edge.update;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pending.json}: an agent update switched on but not yet proven healthy. The updater writes it before it
 * switches the {@code current} link; {@code launch-agent.sh} reads it at every start (counts {@code starts},
 * reverts past {@code deadline} or after two failed starts); the new agent deletes it once healthy.
 *
 * <p>One key a line, values without quotes or escapes inside, so that the launcher (bash and sed) reads it
 * without a JSON parser: versions and slots are validated here, the rest are numbers.
 *
 * @param version   the new agent's version
 * @param sha256    its jar's SHA-256 (64 hex)
 * @param slot      the slot it was installed in ({@code a} or {@code b}), where {@code current} points
 * @param previous  the slot of the agent it replaced, the way back
 * @param deadline  when the new agent must have reported healthy
 * @param watch     the time it was given (for the revert reason)
 * @param starts    how often the launcher started it
 */
public record PendingUpdate(
        String version, String sha256, String slot, String previous, Instant deadline, Duration watch, int starts) {
    static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern LINE = Pattern.compile("^\\s*\"([a-zA-Z0-9]+)\":\\s*\"?([^\",]*)\"?,?\\s*$");

    public PendingUpdate {
        requireVersion(version);
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("pending update: sha256 '" + sha256 + "' is not 64 lower-case hex");
        }
        AgentSlots.requireSlot(slot);
        AgentSlots.requireSlot(previous);
        if (slot.equals(previous)) {
            throw new IllegalArgumentException("pending update: slot and previous slot are both '" + slot + "'");
        }
        if (deadline == null || watch == null || watch.isNegative() || starts < 0) {
            throw new IllegalArgumentException("pending update: deadline, watch and starts >= 0 are required");
        }
    }

    static String requireVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("agent version '" + version
                    + "' is not valid (1 to 64 of A-Z a-z 0-9 . + _ - starting with a letter or digit)");
        }
        return version;
    }

    /** The file's text. */
    public String toJson() {
        return "{\n"
                + "  \"version\": \"" + version + "\",\n"
                + "  \"sha256\": \"" + sha256 + "\",\n"
                + "  \"slot\": \"" + slot + "\",\n"
                + "  \"previous\": \"" + previous + "\",\n"
                + "  \"deadline\": " + deadline.getEpochSecond() + ",\n"
                + "  \"deadlineAt\": \"" + deadline + "\",\n"
                + "  \"watch\": \"" + human(watch) + "\",\n"
                + "  \"watchSeconds\": " + watch.toSeconds() + ",\n"
                + "  \"starts\": " + starts + "\n"
                + "}\n";
    }

    /** @throws IllegalArgumentException when the text is not a pending update this class (or the launcher) wrote */
    public static PendingUpdate parse(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : json.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                values.put(m.group(1), m.group(2).trim());
            }
        }
        try {
            return new PendingUpdate(
                    values.get("version"),
                    values.get("sha256"),
                    values.get("slot"),
                    values.get("previous"),
                    Instant.ofEpochSecond(Long.parseLong(values.get("deadline"))),
                    Duration.ofSeconds(Long.parseLong(values.get("watchSeconds"))),
                    Integer.parseInt(values.get("starts")));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("pending update is incomplete or malformed: " + values, e);
        }
    }

    /** "5m", "90s", "1h30m": how the revert reason names the watch time. */
    static String human(Duration d) {
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 3600) {
            out.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            out.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || out.length() == 0) {
            out.append(s).append('s');
        }
        return out.toString();
    }
}
