package de.dos2030.iot.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the module's examples and broken test files, and the shared data beside the checkout. */
public final class TestFiles {

    public static final Path EXAMPLES = Path.of("examples");
    public static final Path BROKEN = Path.of("src/test/resources/broken");
    public static final Path SHARED_DATA = Path.of("../../shared/data");

    private TestFiles() {}

    public static List<Path> examples() {
        return yamlFiles(EXAMPLES);
    }

    public static List<Path> broken() {
        return yamlFiles(BROKEN);
    }

    /** Lines of a broken file's header starting with {@code prefix}, prefix removed. */
    public static List<String> header(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files =
                    s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("no YAML files in " + dir.toAbsolutePath());
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
