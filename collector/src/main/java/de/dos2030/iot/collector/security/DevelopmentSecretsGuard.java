package de.dos2030.iot.collector.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outside the {@code dev} (and {@code test}) environment, refuses to start with any secret that application-dev.yml
 * publishes (the admin token, the secrets key, the broker password, ...): they are in the source
 * code, so a collector running with one is open to anyone. The secrets are read from that file,
 * the one place they are written: every key ending in token, password, key or secret.
 */
@Context
@Requires(notEnv = {Environment.DEVELOPMENT, Environment.TEST}) // tests use the dev services too
class DevelopmentSecretsGuard {
    static final String DEV_FILE = "application-dev.yml";
    private static final Pattern SECRET_KEY = Pattern.compile(".*[.-](token|password|key|secret)$");
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("^\\$\\{[^:}]+:(.*)}$");

    DevelopmentSecretsGuard(Environment environment) {
        developmentSecrets(environment)
                .forEach((key, devValue) -> environment
                        .getProperty(key, String.class)
                        .filter(devValue::equals)
                        .ifPresent(v -> {
                            throw new IllegalStateException(key + " is a development secret (" + DEV_FILE
                                    + "), public in the source code: outside the dev environment set your own (environment"
                                    + " variable "
                                    + key.toUpperCase().replace('.', '_').replace('-', '_') + ")");
                        }));
    }

    /** The secrets of application-dev.yml by key, placeholders resolved to their defaults. */
    static Map<String, String> developmentSecrets(Environment environment) {
        Optional<InputStream> in = environment.getResourceAsStream(DEV_FILE);
        Map<String, String> secrets = new TreeMap<>();
        if (in.isEmpty()) {
            return secrets;
        }
        try (InputStream stream = in.get()) {
            new YamlPropertySourceLoader().read(DEV_FILE, stream).forEach((key, value) -> {
                if (SECRET_KEY.matcher(key).matches() && value != null) {
                    Matcher placeholder = PLACEHOLDER_DEFAULT.matcher(value.toString());
                    secrets.put(key, placeholder.matches() ? placeholder.group(1) : value.toString());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEV_FILE + " from the classpath", e);
        }
        return secrets;
    }
}
