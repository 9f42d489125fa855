package de.dos2030.iot.config.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileCheckTest {

    @TempDir
    Path dir;

    @Test
    void headerUnquotesAndTrimsNamesKeepsQuotedCommasAndDropsTheTrailingEmptyName() throws Exception {
        Path csv = dir.resolve("quirks.csv");
        Files.writeString(
                csv, " \"Time (-)\" , \"Load, left [kN]\",Air Temperature (°C),\r\n1,2,3\r\n", StandardCharsets.UTF_8);

        assertThat(ReplayFileCheck.header(csv)).containsExactly("Time (-)", "Load, left [kN]", "Air Temperature (°C)");
    }

    @Test
    void headerOfAGzippedFileIsItsFirstLine() throws Exception {
        Path gz = dir.resolve("bridge.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("Time (-),ACC01_z [g]\n2022-11-04 08:36:24.897,0.01\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(ReplayFileCheck.header(gz)).containsExactly("Time (-)", "ACC01_z [g]");
    }

    @Test
    void anEmptyFileHasNoHeader() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.csv"));

        assertThat(ReplayFileCheck.header(empty)).isEmpty();
    }
}
