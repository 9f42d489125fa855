package de.dos2030.iot.collector.gateways.enrol;

import de.dos2030.iot.model.SiteKind;
import de.dos2030.iot.model.WireNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a bulk registration: CSV with the header {@code id,site,kind,location} ({@code location}, a room
 * or bridge section id, may be left empty or the column left out). Every row is checked before anything
 * is written, and every problem is reported with its line: ids, the kind, a gateway twice in the file, a
 * gateway already registered. Blank lines and lines starting with {@code #} are skipped. Fields are
 * plain ids, so a field never holds a comma; quotes around a field are taken off.
 */
final class ClaimImport {
    static final int MAX_ROWS = 2000;

    private ClaimImport() {}

    /** The rows, or the problems ({@code line N: ...}), never both. */
    record Result(List<Enrolment.ClaimRequest> rows, List<String> problems) {}

    static Result read(String csv, Set<String> registered) {
        List<String> problems = new ArrayList<>();
        List<Enrolment.ClaimRequest> rows = new ArrayList<>();
        String[] lines = csv.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        Map<String, Integer> firstLine = new HashMap<>();
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String text = lines[i].strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            List<String> f = fields(i == 0 ? text.replace("\uFEFF", "") : text);
            if (!header) {
                header = true;
                List<String> names =
                        f.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
                if (!names.equals(List.of("id", "site", "kind", "location"))
                        && !names.equals(List.of("id", "site", "kind"))) {
                    problems.add("line " + line + ": the header must be 'id,site,kind,location', not '" + text + "'");
                    break;
                }
                continue;
            }
            if (f.size() < 3 || f.size() > 4) {
                problems.add("line " + line + ": " + f.size() + " fields, expected id,site,kind,location");
                continue;
            }
            List<String> bad = new ArrayList<>();
            String id = f.get(0);
            String site = f.get(1);
            String location = f.size() == 4 && !f.get(3).isEmpty() ? f.get(3) : null;
            if (!Claim.isId(id)) {
                bad.add("gateway id '" + id + "' is not a valid id");
            }
            if (!Claim.isId(site)) {
                bad.add("site '" + site + "' is not a valid id");
            }
            SiteKind kind = WireNames.parse(SiteKind.class, f.get(2).toLowerCase(Locale.ROOT));
            if (kind == null) {
                bad.add("kind '" + f.get(2) + "' is unknown (allowed: " + WireNames.allowed(SiteKind.class) + ")");
            }
            if (location != null && !Claim.isId(location)) {
                bad.add("location '" + location + "' is not a valid id");
            }
            Integer before = firstLine.putIfAbsent(id, line);
            if (before != null) {
                bad.add("gateway '" + id + "' is also on line " + before);
            }
            if (registered.contains(id)) {
                bad.add("gateway '" + id + "' is already registered (re-enrol it with a single claim)");
            }
            if (bad.isEmpty()) {
                rows.add(new Enrolment.ClaimRequest(id, site, kind, location));
            } else {
                problems.add("line " + line + ": " + String.join("; ", bad)
                        + (bad.stream().anyMatch(b -> b.contains("valid id"))
                                ? " (ids: 1 to 64 of A-Z a-z 0-9 . _ - starting with a letter or digit)"
                                : ""));
            }
        }
        if (!header) {
            problems.add("line 1: the file is empty: expected the header 'id,site,kind,location' and one row per"
                    + " gateway");
        } else if (problems.isEmpty() && rows.isEmpty()) {
            problems.add("the file has a header but no gateways");
        } else if (rows.size() + problems.size() > MAX_ROWS) {
            return new Result(List.of(), List.of("the file has more than " + MAX_ROWS + " gateways: split it"));
        }
        return problems.isEmpty() ? new Result(rows, List.of()) : new Result(List.of(), problems);
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split(",", -1)) {
            String s = f.strip();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1).strip();
            }
            out.add(s);
        }
        return out;
    }
}
