package de.dos2030.iot.collector.statedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryFilePermissionsTest {

    @Test
    void findsTheFilesOfAnH2FileUrlOnly() {
        assertThat(RegistryFilePermissions.h2Files("jdbc:h2:file:/var/lib/dos/registry;AUTO_SERVER=TRUE"))
                .containsExactly(Path.of("/var/lib/dos/registry.mv.db"), Path.of("/var/lib/dos/registry.trace.db"));
        assertThat(RegistryFilePermissions.h2Files("jdbc:h2:mem:x")).isEmpty();
        assertThat(RegistryFilePermissions.h2Files("jdbc:postgresql://db/dos")).isEmpty();
    }

    @Test
    void closesAWorldReadableRegistryFile(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("registry.mv.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        RegistryFilePermissions.restrict(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
