package de.dos2030.iot.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One gateway's {@link GenerationLog} read back: its boots, the batches it journaled (each
 * identity once) and how each left the outbox. A torn last line is skipped.
 */
record GenerationRecord(
        String gatewayId, List<String> boots, Map<String, Journaled> journaled, Map<String, Released> released) {

    /** A journaled batch; {@code alerts} as {@code alertId|STATE|SEVERITY}. */
    record Journaled(
            String identity, String kind, int readings, long createdAtMs, long newestReadingMs, List<String> alerts) {}

    /** {@code sameBoot}: released by the boot that journaled it (not re-sent after a restart). */
    record Released(String reason, long atMs, boolean sameBoot) {}

    static GenerationRecord read(String gatewayId, Path file) throws IOException {
        List<String> boots = new ArrayList<>();
        Map<String, Journaled> journaled = new LinkedHashMap<>();
        Map<String, Released> released = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "B" -> boots.add(f[1]);
                    case "J" -> {
                        if (f.length < 7) {
                            continue;
                        }
                        String id = f[1] + " " + f[2];
                        List<String> alerts = List.of(f).subList(7, f.length);
                        journaled.putIfAbsent(
                                id,
                                new Journaled(
                                        id,
                                        f[3],
                                        Integer.parseInt(f[4]),
                                        Long.parseLong(f[5]),
                                        f[6].equals("-") ? -1 : Long.parseLong(f[6]),
                                        List.copyOf(alerts)));
                    }
                    case "R" -> {
                        if (f.length == 6) {
                            released.putIfAbsent(
                                    f[1] + " " + f[2], new Released(f[3], Long.parseLong(f[4]), f[5].equals(f[1])));
                        }
                    }
                    default -> {}
                }
            } catch (RuntimeException tornOrForeign) {
                // a line cut by kill -9 in the middle of its write: the J line is re-added at the next start
            }
        }
        return new GenerationRecord(gatewayId, boots, journaled, released);
    }

    long readingsJournaled() {
        return journaled.values().stream().mapToLong(Journaled::readings).sum();
    }

    long readingsReleased(String reason) {
        return journaled.values().stream()
                .filter(j -> released.containsKey(j.identity())
                        && released.get(j.identity()).reason().equals(reason))
                .mapToLong(Journaled::readings)
                .sum();
    }

    long batchesWaiting() {
        return journaled.keySet().stream()
                .filter(id -> !released.containsKey(id))
                .count();
    }
}
