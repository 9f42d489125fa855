package de.dos2030.iot.edge.recorded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedFilesTest {

    @Test
    void readsUciRowsDespiteTheRowIdTheHeaderDoesNotName() throws Exception {
        RecordedTable t = RecordedFiles.load(SharedData.file("uci-occupancy/datatraining.txt"));
        assertThat(t.rows()).isEqualTo(8143);
        assertThat(t.columns())
                .containsExactly("Temperature", "Humidity", "Light", "CO2", "HumidityRatio", "Occupancy");
        // "1","2015-02-04 17:51:00",23.18,27.272,426,721.25,... at Mons local time (CET)
        assertThat(t.time(0)).isEqualTo(Instant.parse("2015-02-04T16:51:00Z"));
        assertThat(t.value(0, t.column("Temperature"))).isEqualTo(23.18);
        assertThat(t.value(0, t.column("CO2"))).isEqualTo(721.25);
        double max = 0;
        for (int r = 0; r < t.rows(); r++) max = Math.max(max, t.value(r, t.column("CO2")));
        assertThat(max).isCloseTo(2028.5, offset(1.0));
    }

    @Test
    void swapsTheMunichDayAndMonthBackAndKeepsTheHundredHertzSpacing() throws Exception {
        RecordedTable t = RecordedFiles.load(SharedData.file("munich-bridge/ref_load_01_all_100hz.csv.gz"));
        assertThat(t.rows()).isEqualTo(72_000);
        assertThat(t.time(0)).isEqualTo(Instant.parse("2022-04-11T06:36:24.897Z")); // 08:36:24.897 CEST on 11 April
        assertThat(t.span()).isEqualTo(Duration.ofMillis(71_999 * 10));
        assertThat(t.value(0, t.column("DMS_AS [um/m]"))).isCloseTo(-478.429, offset(0.001));
    }

    @Test
    void readsTheAirTemperatureFileWithItsTrailingCommaAndCrlf() throws Exception {
        RecordedTable t = RecordedFiles.load(SharedData.file("munich-bridge/ref_load_01_air_temperature_1hz.csv"));
        assertThat(t.columns()).containsExactly("Air Temperature (°C)");
        assertThat(t.time(0)).isEqualTo(Instant.parse("2022-04-11T06:36:25.984Z"));
        assertThat(t.value(0, 0)).isCloseTo(1.6, offset(1e-6));
    }

    @Test
    void readsQuotedFieldsWithCommasAndSkipsBlankLines(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("quoted.csv");
        Files.writeString(
                csv, "\"date\",\"CO2, ppm\"\n\"1\",\"2015-02-04 17:51:00\",\"721.25\"\n\n2015-02-04 17:52:00,NA\n");

        RecordedTable t = RecordedFiles.read(csv);

        assertThat(t.columns()).containsExactly("CO2, ppm");
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.value(0, 0)).isEqualTo(721.25);
        assertThat(t.value(1, 0)).isNaN();
        assertThat(t.time(1)).isEqualTo(Instant.parse("2015-02-04T16:52:00Z"));
    }

    @Test
    void namesFileAndLineOfARowWithTooFewFields(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("short.csv");
        Files.writeString(csv, "Time (-),a,b\n2022-11-04 08:36:24.897,1,2\n2022-11-04 08:36:24.907,1\n");

        assertThatThrownBy(() -> RecordedFiles.read(csv))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("short.csv line 3: 2 fields, header has 3");
    }

    @Test
    void namesTheDataFolderWhenAFileIsMissing() {
        assertThatThrownBy(() -> RecordedFiles.load(Path.of("/nonexistent/shared/data/x.csv")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("../shared/data");
    }
}
