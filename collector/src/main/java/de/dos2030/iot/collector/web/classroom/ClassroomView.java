package de.dos2030.iot.collector.web.classroom;

import de.dos2030.iot.collector.places.PlaceDirectory;
import de.dos2030.iot.collector.query.SeriesAnswer;
import de.dos2030.iot.collector.web.Curve;
import de.dos2030.iot.model.ClassroomGuidance;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the classroom page shows of one room, computed once per cache period for everyone.
 *
 * @param now     the latest value of CO2, temperature and humidity (in this order; value null when none today)
 * @param state   the traffic light from the latest CO2
 * @param today   CO2 in 5-minute means since local midnight
 * @param week    CO2 in hourly means of the last seven local days
 * @param answers the answers behind today and week, for their CSV
 */
public record ClassroomView(
        PlaceDirectory.Site site,
        PlaceDirectory.Location room,
        List<Now> now,
        AirState state,
        @Nullable Instant updated,
        Curve today,
        Curve week,
        SeriesAnswer todayAnswer,
        SeriesAnswer weekAnswer,
        @Nullable Instant publicUntil,
        @Nullable Duration publicWindow) {

    /** Whether this is the anonymous view of a public school: delayed and coarsened like its open data. */
    public boolean publicView() {
        return publicUntil != null;
    }

    /** The public view's least window in whole minutes, for its notice. */
    public long publicWindowMinutes() {
        return publicWindow == null ? 0 : publicWindow.toMinutes();
    }

    /** From this CO2 on, air the room: the explanation and chart say the same number as the rules. */
    public double co2AirPpm() {
        return ClassroomGuidance.CO2_AIR_PPM;
    }

    /** From this CO2 on, air the room at once. */
    public double co2AirNowPpm() {
        return ClassroomGuidance.CO2_AIR_NOW_PPM;
    }

    /** One quantity's latest value. */
    public record Now(
            String quantity,
            @Nullable Double value,
            String unit,
            @Nullable Instant time) {}

    public String siteName() {
        return site.name() == null ? site.id() : site.name();
    }

    public String roomName() {
        return room.name() == null ? room.id() : room.name();
    }

    public String path() {
        return "/schulen/" + site.id() + "/" + room.id();
    }
}
