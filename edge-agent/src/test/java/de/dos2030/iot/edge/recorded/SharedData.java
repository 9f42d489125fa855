package de.dos2030.iot.edge.recorded;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared/data} relative to the repository root, failing with a clear message if it is missing. */
public final class SharedData {

    private SharedData() {}

    public static Path dir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("edge-agent"))) {
                Path data = p.resolve("../shared/data").normalize();
                if (!Files.isDirectory(data)) {
                    throw new IllegalStateException("recorded data missing: expected " + data
                            + " (the shared/ folder beside the repository checkout, see shared/data/README.md)");
                }
                return data;
            }
        }
        throw new IllegalStateException("cannot find the repository root (pom.xml with edge-agent/) above " + here);
    }

    public static Path file(String relative) {
        return dir().resolve(relative);
    }
}
