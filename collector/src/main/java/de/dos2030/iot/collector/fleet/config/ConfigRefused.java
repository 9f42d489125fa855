package de.dos2030.iot.collector.fleet.config;

import java.util.List;

/**
 * A desired gateway file was refused: HTTP 422 with every problem ({@link ConfigRefusedHandler}), each as
 * {@code firmware-config validate} prints it ({@code file:line:column: path: message}).
 */
public class ConfigRefused extends RuntimeException {
    private final transient List<String> problems;

    public ConfigRefused(String summary, List<String> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
