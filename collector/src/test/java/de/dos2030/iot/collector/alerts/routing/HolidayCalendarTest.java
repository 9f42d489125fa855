package de.dos2030.iot.collector.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HolidayCalendarTest {
    private static String file(String name) throws Exception {
        try (InputStream in = HolidayCalendarTest.class.getResourceAsStream("/routing/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsEveryDayOfEachEventWithItsEndExclusiveAndFoldedSummaries() throws Exception {
        List<HolidayCalendar.Holiday> days = HolidayCalendar.parse(file("nrw-holidays.ics"));
        // Easter 30 Mar..10 Apr (12 days), Whitsun one day, autumn 17..30 Oct (14 days)
        assertThat(days).hasSize(12 + 1 + 14);
        assertThat(days.get(0))
                .isEqualTo(
                        new HolidayCalendar.Holiday(LocalDate.of(2026, 3, 30), "Osterferien Nordrhein-Westfalen 2026"));
        assertThat(days)
                .extracting(HolidayCalendar.Holiday::day)
                .contains(LocalDate.of(2026, 4, 10), LocalDate.of(2026, 5, 26), LocalDate.of(2026, 10, 30))
                .doesNotContain(LocalDate.of(2026, 4, 11), LocalDate.of(2026, 5, 27), LocalDate.of(2026, 10, 31));
        assertThat(days.get(days.size() - 1).name()).isEqualTo("Herbstferien, NRW");
    }

    @Test
    void acceptsWindowsLineEndings() {
        String ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\n"
                + "SUMMARY:Weihnachten\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assertThat(HolidayCalendar.parse(ics))
                .extracting(HolidayCalendar.Holiday::day)
                .containsExactly(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
    }

    @Test
    void refusesWhatIsNotACalendarAndNamesTheBrokenLine() {
        assertThatThrownBy(() -> HolidayCalendar.parse("hello"))
                .hasMessage("not an iCalendar file: line 1 must be BEGIN:VCALENDAR");
        assertThatThrownBy(() -> HolidayCalendar.parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\n"))
                .hasMessage("line 2: VEVENT without DTSTART");
        assertThatThrownBy(
                        () -> HolidayCalendar.parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2026-01-01\nEND:VEVENT\n"))
                .hasMessage("line 3: '2026-01-01' is not a date YYYYMMDD");
        assertThatThrownBy(() -> HolidayCalendar.parse(
                        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260105\nDTEND:20260101\nEND:VEVENT\n"))
                .hasMessage("line 2: DTEND 2026-01-01 before DTSTART 2026-01-05");
        assertThatThrownBy(() -> HolidayCalendar.parse(
                        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101\nDTEND:20270101\nEND:VEVENT\n"))
                .hasMessageContaining("longer than 120 days");
    }
}
