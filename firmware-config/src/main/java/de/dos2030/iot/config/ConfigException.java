package de.dos2030.iot.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A gateway file could not be loaded. {@link #problems()} holds every problem found (not only the
 * first), sorted by line and column; the message is those problems, one per line.
 */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
