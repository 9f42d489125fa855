package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.dos2030.iot.collector.api.BadRequestException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExportFileTest {

    @Test
    void readsADayAMonthAYearAndTheirDataPackages() {
        assertThat(ExportFile.parse("2025-03-03.csv"))
                .isEqualTo(new ExportFile(
                        LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 4), "2025-03-03", ExportFile.Form.CSV));
        assertThat(ExportFile.parse("2024-02.zip"))
                .isEqualTo(new ExportFile(
                        LocalDate.of(2024, 2, 1), LocalDate.of(2024, 3, 1), "2024-02", ExportFile.Form.ZIP));
        assertThat(ExportFile.parse("2025.csv").end()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(ExportFile.parse("2025-12.datapackage.json").form()).isEqualTo(ExportFile.Form.DATAPACKAGE);
    }

    @Test
    void refusesWhatIsNotAPeriodNamingTheParameter() {
        assertThatThrownBy(() -> ExportFile.parse("2025-02-29.csv"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("date '2025-02-29' is not a date");
        assertThatThrownBy(() -> ExportFile.parse("2025-00.zip")).hasMessageStartingWith("month '2025-00'");
        assertThatThrownBy(() -> ExportFile.parse("2025-03-03.zip")).hasMessageContaining("zips are per month");
        assertThatThrownBy(() -> ExportFile.parse("2025.zip")).hasMessageContaining("zips are per month");
        assertThatThrownBy(() -> ExportFile.parse("1900-01-01.csv")).hasMessageStartingWith("year '1900'");
        assertThatThrownBy(() -> ExportFile.parse("../etc/passwd")).hasMessageStartingWith("file '");
        assertThatThrownBy(() -> ExportFile.parse("2025-03-03.csv.exe")).hasMessageStartingWith("file '");
    }

    @Test
    void readsARangeOfDaysUpToASchoolYearIncludingItsLastDay() {
        assertThat(ExportFile.parse("2025-08-01_2026-07-31.csv"))
                .isEqualTo(new ExportFile(
                        LocalDate.of(2025, 8, 1),
                        LocalDate.of(2026, 8, 1),
                        "2025-08-01_2026-07-31",
                        ExportFile.Form.CSV));
        assertThatThrownBy(() -> ExportFile.parse("2025-08-01_2025-07-31.csv"))
                .hasMessageStartingWith("to '2025-07-31' is before from '2025-08-01'");
        assertThatThrownBy(() -> ExportFile.parse("2025-01-01_2026-12-31.csv"))
                .hasMessageContaining("is longer than 400 days");
        assertThatThrownBy(() -> ExportFile.parse("2025-02-30_2025-03-01.csv"))
                .hasMessageStartingWith("from '2025-02-30' is not a date");
        assertThatThrownBy(() -> ExportFile.parse("2025-08-01_2026-07-31.zip")).hasMessageStartingWith("file '");
    }
}
