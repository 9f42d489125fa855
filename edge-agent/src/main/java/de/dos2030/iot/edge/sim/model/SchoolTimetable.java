package de.dos2030.iot.edge.sim.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * When a classroom is taught, on weekdays. The default is a common German timetable: six
 * 45-minute lessons from 08:00 with 5-minute changes and two breaks (09:35, 11:30).
 */
public record SchoolTimetable(List<Lesson> lessons) {

    public record Lesson(LocalTime start, LocalTime end) {
        public boolean contains(LocalTime t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    public SchoolTimetable {
        lessons = List.copyOf(lessons);
    }

    public static SchoolTimetable german() {
        return new SchoolTimetable(List.of(
                lesson("08:00", "08:45"), lesson("08:50", "09:35"),
                lesson("09:55", "10:40"), lesson("10:45", "11:30"),
                lesson("11:45", "12:30"), lesson("12:35", "13:20")));
    }

    private static Lesson lesson(String from, String to) {
        return new Lesson(LocalTime.parse(from), LocalTime.parse(to));
    }

    /** Index of the lesson running at {@code t}, or -1. */
    public int lessonAt(ZonedDateTime t) {
        if (t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY) return -1;
        LocalTime time = t.toLocalTime();
        for (int i = 0; i < lessons.size(); i++) if (lessons.get(i).contains(time)) return i;
        return -1;
    }

    /** True in a 5-minute change between two lessons that follow each other (pupils stay in the room). */
    public boolean isChange(ZonedDateTime t) {
        if (lessonAt(t) >= 0 || t.getDayOfWeek().getValue() > 5) return false;
        LocalTime time = t.toLocalTime();
        for (int i = 0; i + 1 < lessons.size(); i++) {
            LocalTime end = lessons.get(i).end();
            LocalTime next = lessons.get(i + 1).start();
            if (!time.isBefore(end)
                    && time.isBefore(next)
                    && java.time.Duration.between(end, next).toMinutes() <= 5) return true;
        }
        return false;
    }

    /** True in a break of more than 5 minutes between the first and the last lesson. */
    public boolean isBreak(ZonedDateTime t) {
        if (lessonAt(t) >= 0 || isChange(t) || t.getDayOfWeek().getValue() > 5) return false;
        LocalTime time = t.toLocalTime();
        return time.isAfter(lessons.get(0).start())
                && time.isBefore(lessons.get(lessons.size() - 1).end());
    }
}
