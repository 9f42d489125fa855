package de.dos2030.iot.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final Formats german = new Formats(Locale.GERMAN, BERLIN);
    final Formats english = new Formats(Locale.ENGLISH, BERLIN);

    @Test
    void numbersWithTheLocalesGroupingAndDecimalSign() {
        assertThat(german.quantity(1234.0, "ppm")).isEqualTo("1.234 ppm");
        assertThat(english.quantity(1234.0, "ppm")).isEqualTo("1,234 ppm");
        assertThat(german.quantity(21.54, "degC")).isEqualTo("21,5 °C");
        assertThat(german.quantity(0.01234, "g")).isEqualTo("0,0123 g");
        assertThat(german.number(null)).isEqualTo("–");
        assertThat(german.number(Double.NaN)).isEqualTo("–");
        assertThat(german.count(12345L)).isEqualTo("12.345");
    }

    @Test
    void timesInThePagesZoneToTheMinute() {
        Instant t = Instant.parse("2026-11-27T07:15:42Z"); // 08:15 in Berlin (winter time)
        assertThat(german.dateTime(t)).isEqualTo("27.11.2026 08:15");
        assertThat(english.dateTime(t)).isEqualTo("27 Nov 2026 08:15");
        assertThat(german.dateTimeSeconds(t)).isEqualTo("27.11.2026 08:15:42");
        assertThat(german.dateTime(Instant.parse("2026-07-01T06:00:00Z"))).isEqualTo("01.07.2026 08:00");
        assertThat(german.dateTime(null)).isEqualTo("–");
    }
}
