package de.dos2030.iot.collector.alerts.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryWindowTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** School days 07:00 to 16:00, Berlin time. */
    static final DeliveryWindow SCHOOL = new DeliveryWindow(
            BERLIN, DeliveryWindow.parseDays("MON-FRI"), LocalTime.of(7, 0), LocalTime.of(16, 0), false, Set.of());

    private static Instant berlin(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, BERLIN).toInstant();
    }

    @Test
    void isOpenOnSchoolDaysDuringSchoolHoursOnly() {
        assertThat(SCHOOL.isOpen(berlin(12, 7, 7, 0))).isTrue(); // Monday 07:00
        assertThat(SCHOOL.isOpen(berlin(12, 7, 15, 59))).isTrue();
        assertThat(SCHOOL.isOpen(berlin(12, 7, 16, 0))).isFalse();
        assertThat(SCHOOL.isOpen(berlin(12, 7, 6, 59))).isFalse();
        assertThat(SCHOOL.isOpen(berlin(12, 6, 10, 0))).isFalse(); // Sunday
    }

    @Test
    void aSundayNightStepWaitsForMondayMorning() {
        assertThat(SCHOOL.nextOpening(berlin(12, 6, 3, 0))).isEqualTo(berlin(12, 7, 7, 0));
        assertThat(SCHOOL.nextOpening(berlin(12, 4, 16, 30))).isEqualTo(berlin(12, 7, 7, 0)); // Friday evening
        assertThat(SCHOOL.nextOpening(berlin(12, 8, 5, 0))).isEqualTo(berlin(12, 8, 7, 0)); // Tuesday early
        assertThat(SCHOOL.nextOpening(berlin(12, 8, 9, 0))).isEqualTo(berlin(12, 8, 9, 0)); // open: now
    }

    @Test
    void holidaysKeepTheWindowClosedAndTheOpeningMovesPastThem() {
        DeliveryWindow w = new DeliveryWindow(
                BERLIN,
                SCHOOL.days(),
                SCHOOL.from(),
                SCHOOL.to(),
                false,
                Set.of(LocalDate.of(2026, 12, 7), LocalDate.of(2026, 12, 8)));
        assertThat(w.isOpen(berlin(12, 7, 10, 0))).isFalse();
        assertThat(w.nextOpening(berlin(12, 5, 12, 0))).isEqualTo(berlin(12, 9, 7, 0));
    }

    @Test
    void openingFollowsTheZoneAcrossTheDaylightSavingChange() {
        DeliveryWindow every =
                new DeliveryWindow(BERLIN, EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 0), null, false, Set.of());
        // 29 March 2026: clocks go forward; 08:00 local is 06:00 UTC after, 07:00 UTC the day before
        assertThat(every.nextOpening(berlin(3, 29, 2, 30))).isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
        assertThat(every.nextOpening(berlin(3, 28, 1, 0))).isEqualTo(Instant.parse("2026-03-28T07:00:00Z"));
        assertThat(every.isOpen(berlin(3, 28, 23, 59))).isTrue(); // 24:00 is the end of the day
    }

    @Test
    void theNextOpeningIsAlwaysOpenAndNeverEarlier() {
        Random random = new Random(21);
        for (int i = 0; i < 2000; i++) {
            EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                if (random.nextBoolean()) {
                    days.add(d);
                }
            }
            if (days.isEmpty()) {
                days.add(DayOfWeek.of(1 + random.nextInt(7)));
            }
            int from = random.nextInt(23 * 60);
            int to = from + 1 + random.nextInt(24 * 60 - from);
            DeliveryWindow w = new DeliveryWindow(
                    BERLIN,
                    days,
                    LocalTime.ofSecondOfDay(from * 60L),
                    to == 24 * 60 ? null : LocalTime.ofSecondOfDay(to * 60L),
                    false,
                    Set.of(LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365))));
            Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86400));
            Instant open = w.nextOpening(t);
            assertThat(open).as("%s at %s", w, t).isAfterOrEqualTo(t);
            assertThat(w.isOpen(open)).as("%s opens at %s", w, open).isTrue();
            assertThat(open.equals(t) || !w.isOpen(open.minusSeconds(60)))
                    .as("%s: %s is the first minute", w, open)
                    .isTrue();
        }
    }

    @Test
    void refusesWindowsThatCannotOpenAndNamesTheField() {
        assertThatThrownBy(() -> DeliveryWindow.parseDays("MON-XYZ"))
                .hasMessage("days: 'XYZ' is not a weekday (MON, TUE, WED, THU, FRI, SAT, SUN)");
        assertThatThrownBy(() -> DeliveryWindow.parseTime("from", "7 Uhr", false))
                .hasMessage("from '7 Uhr' is not a time of day HH:MM");
        assertThatThrownBy(() -> new DeliveryWindow(
                        BERLIN, SCHOOL.days(), LocalTime.of(16, 0), LocalTime.of(7, 0), false, Set.of()))
                .hasMessage("from 16:00 must be before to 07:00 (24:00 for midnight)");
        assertThatThrownBy(() -> new DeliveryWindow(BERLIN, Set.of(), LocalTime.of(7, 0), null, false, Set.of()))
                .hasMessageContaining("days must name at least one weekday");
        assertThatThrownBy(() -> DeliveryWindow.parseZone("Mars/Olympus"))
                .hasMessage("zone 'Mars/Olympus' is not a time zone (e.g. Europe/Berlin)");
        assertThat(DeliveryWindow.parseDays("fri-mon"))
                .containsExactlyInAnyOrder(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
    }
}
