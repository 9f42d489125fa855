package de.dos2030.iot.fleet;

import de.dos2030.iot.model.SiteKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gateways a fleet process runs: one line per gateway, {@code <gateway-id> <site-id> school|bridge},
 * {@code #} starts a comment. Written by the load and chaos scripts, which also register the
 * gateways with the collector.
 */
record FleetPlan(List<Member> members) {

    /** One gateway of the fleet; {@code index} (its line among the members) varies the simulation seeds. */
    record Member(String gatewayId, String siteId, SiteKind kind, int index) {}

    static FleetPlan read(Path file) throws IOException {
        List<Member> members = new ArrayList<>();
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 3) {
                throw new IllegalArgumentException(
                        file + ":" + lineNo + ": expected '<gateway-id> <site-id> school|bridge', got '" + line + "'");
            }
            SiteKind kind = switch (f[2].toLowerCase(Locale.ROOT)) {
                case "school" -> SiteKind.SCHOOL;
                case "bridge" -> SiteKind.BRIDGE;
                default ->
                    throw new IllegalArgumentException(
                            file + ":" + lineNo + ": kind '" + f[2] + "' is neither school nor bridge");
            };
            members.add(new Member(f[0], f[1], kind, members.size()));
        }
        return new FleetPlan(List.copyOf(members));
    }
}
