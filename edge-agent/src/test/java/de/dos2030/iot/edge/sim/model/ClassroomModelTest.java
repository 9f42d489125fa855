package de.dos2030.iot.edge.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClassroomModelTest {

    /** Monday 07:00 Berlin. */
    static final Instant MONDAY = Instant.parse("2025-03-10T06:00:00Z");

    static double maxCo2(ClassroomModel m, Duration span) {
        double max = 0;
        for (Instant t = MONDAY; t.isBefore(MONDAY.plus(span)); t = t.plusSeconds(30)) max = Math.max(max, m.co2Ppm(t));
        return max;
    }

    @Test
    void anUnairedClassroomPassesTwoThousandPpm() {
        ClassroomModel room =
                new ClassroomModel(ClassroomModel.Settings.typical(ClassroomModel.Airing.NEVER), 1, MONDAY);
        assertThat(maxCo2(room, Duration.ofHours(8))).isGreaterThan(2000);
        // ... already during the second lesson (08:50-09:35 local)
        assertThat(room.co2Ppm(Instant.parse("2025-03-10T08:30:00Z"))).isGreaterThan(2000);
    }

    @Test
    void airingAsTheUbaAdvisesKeepsItBelowTwoThousand() {
        ClassroomModel room = new ClassroomModel(ClassroomModel.Settings.typical(ClassroomModel.Airing.UBA), 1, MONDAY);
        double max = maxCo2(room, Duration.ofHours(8));
        assertThat(max).isBetween(1000.0, 2000.0);
    }

    @Test
    void co2FallsWhenTheWindowsOpen() {
        ClassroomModel room = new ClassroomModel(ClassroomModel.Settings.typical(ClassroomModel.Airing.UBA), 1, MONDAY);
        Instant beforeBreak = Instant.parse("2025-03-10T08:35:00Z"); // 09:35 local, lesson 2 ends
        Instant endOfBreak = Instant.parse("2025-03-10T08:54:00Z");
        assertThat(room.windowsOpen(beforeBreak.plusSeconds(60))).isTrue();
        assertThat(room.co2Ppm(endOfBreak)).isLessThan(room.co2Ppm(beforeBreak) - 300);
        assertThat(room.temperatureC(endOfBreak)).isLessThan(room.temperatureC(beforeBreak));
    }

    @Test
    void temperatureAndHumidityStayPlausibleAndRiseWithOccupancy() {
        ClassroomModel room =
                new ClassroomModel(ClassroomModel.Settings.typical(ClassroomModel.Airing.NEVER), 5, MONDAY);
        double rh7 = room.relativeHumidityPercent(MONDAY.plusSeconds(60));
        double t7 = room.temperatureC(MONDAY.plusSeconds(60));
        Instant nine = Instant.parse("2025-03-10T08:30:00Z");
        assertThat(room.temperatureC(nine)).isBetween(t7 + 0.3, 28.0);
        assertThat(room.relativeHumidityPercent(nine)).isBetween(rh7 + 3, 90.0);
        for (Instant t = MONDAY; t.isBefore(MONDAY.plus(Duration.ofHours(10))); t = t.plusSeconds(300)) {
            assertThat(room.temperatureC(t)).isBetween(15.0, 30.0);
            assertThat(room.relativeHumidityPercent(t)).isBetween(15.0, 95.0);
        }
    }

    @Test
    void anEmptyRoomStaysNearOutdoorCo2() {
        ClassroomModel room = new ClassroomModel(
                ClassroomModel.Settings.typical(ClassroomModel.Airing.NEVER).empty(), 1, MONDAY);
        assertThat(maxCo2(room, Duration.ofHours(8))).isLessThan(460);
    }

    @Test
    void theSameSeedGivesTheSameAir() {
        var s = ClassroomModel.Settings.typical(ClassroomModel.Airing.UBA);
        ClassroomModel a = new ClassroomModel(s, 9, MONDAY),
                b = new ClassroomModel(s, 9, MONDAY),
                c = new ClassroomModel(s, 10, MONDAY);
        boolean differs = false;
        for (Instant t = MONDAY; t.isBefore(MONDAY.plus(Duration.ofHours(6))); t = t.plusSeconds(17)) {
            assertThat(a.co2Ppm(t)).isEqualTo(b.co2Ppm(t));
            assertThat(a.temperatureC(t)).isEqualTo(b.temperatureC(t));
            differs |= a.co2Ppm(t) != c.co2Ppm(t);
        }
        assertThat(differs).isTrue();
    }
}
