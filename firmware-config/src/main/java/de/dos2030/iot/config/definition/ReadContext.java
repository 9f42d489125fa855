package de.dos2030.iot.config.definition;

import de.dos2030.iot.config.ConfigProblem;
import de.dos2030.iot.config.model.Violation;
import de.dos2030.iot.config.yaml.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What reading one file accumulates: the problems found so far, where each path of the file is,
 * and the directory relative paths resolve against. One per load; not thread-safe.
 */
public final class ReadContext {

    private final String fileName;
    private final Path baseDirectory;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, Location> locations = new HashMap<>();

    public ReadContext(String fileName, Path baseDirectory) {
        this.fileName = fileName;
        this.baseDirectory = baseDirectory;
        locations.put("", Location.START);
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    /** Remembers where the value at {@code path} is, for problems found later. */
    public void locate(String path, Location location) {
        locations.putIfAbsent(path, location);
    }

    public void report(String path, Location location, String message, String allowed) {
        problems.add(new ConfigProblem(fileName, location, path, message, allowed));
    }

    public void report(String path, Location location, String message) {
        report(path, location, message, null);
    }

    /**
     * Reports a model invariant's violation at the closest located path, unless the value at that
     * path was already reported as unreadable: the violation is then only its consequence.
     */
    public void report(Violation v) {
        if (problems.stream().noneMatch(p -> p.path().equals(v.path()))) {
            report(v.path(), locationOf(v.path()), v.message(), v.allowed());
        }
    }

    /** The location of {@code path}, or of its nearest located ancestor. */
    public Location locationOf(String path) {
        String p = path;
        while (true) {
            Location l = locations.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public int problemCount() {
        return problems.size();
    }

    /** Problems in file order, each reported once. */
    public List<ConfigProblem> problems() {
        return problems.stream()
                .distinct()
                .sorted(Comparator.comparingInt(
                                (ConfigProblem p) -> p.location().line())
                        .thenComparingInt(p -> p.location().column()))
                .toList();
    }
}
