package de.dos2030.iot.collector.opendata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvDialectTest {

    @Test
    void theParameterWinsOverTheLanguage() {
        assertThat(CsvDialect.of("rfc4180", "de-DE")).isEqualTo(CsvDialect.RFC4180);
        assertThat(CsvDialect.of("excel-de", "en")).isEqualTo(CsvDialect.EXCEL_DE);
    }

    @Test
    void withoutAParameterAGermanFirstLanguageGetsExcelDe() {
        assertThat(CsvDialect.of(null, "de-AT,de;q=0.9,en;q=0.8")).isEqualTo(CsvDialect.EXCEL_DE);
        assertThat(CsvDialect.of(null, "en-US,en;q=0.9,de;q=0.8")).isEqualTo(CsvDialect.RFC4180);
        assertThat(CsvDialect.of(null, "en;q=0.5,de;q=0.9")).isEqualTo(CsvDialect.EXCEL_DE);
        assertThat(CsvDialect.of(null, null)).isEqualTo(CsvDialect.RFC4180);
        assertThat(CsvDialect.of(null, ";;;garbage===")).isEqualTo(CsvDialect.RFC4180);
    }

    @Test
    void excelDeWritesADecimalComma() {
        assertThat(CsvDialect.EXCEL_DE.number("-0.25")).isEqualTo("-0,25");
        assertThat(CsvDialect.RFC4180.number("-0.25")).isEqualTo("-0.25");
    }

    @Test
    void refusesAnUnknownDialectNamingTheParameter() {
        assertThatThrownBy(() -> CsvDialect.of("xls", null))
                .hasMessage("dialect 'xls' is unknown (allowed: rfc4180, excel-de)");
    }
}
