package de.dos2030.iot.config.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by a configuration record's constructor when its values break an invariant. Carries
 * every violation found, not only the first. The file loader never lets this escape: it reports
 * the same violations with file, line and column in a {@code ConfigException}.
 */
public final class InvalidConfigException extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidConfigException(String what, List<Violation> violations) {
        super("invalid " + what + ": "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
