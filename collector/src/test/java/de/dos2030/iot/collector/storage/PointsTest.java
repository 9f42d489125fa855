package de.dos2030.iot.collector.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PointsTest {

    @Test
    void groupsBatchesIntoOneBodyWhenTheyFit() {
        assertThat(Points.requestBodies(List.of(points("a", 2), points("b", 3)), 5))
                .containsExactly("a0\na1\nb0\nb1\nb2");
    }

    @Test
    void cutsAtLineEndsIntoBodiesOfAtMostMaxPoints() {
        assertThat(Points.requestBodies(List.of(points("a", 3), points("b", 5), points("c", 1)), 4))
                .containsExactly("a0\na1\na2\nb0", "b1\nb2\nb3\nb4", "c0");
    }

    @Test
    void aBatchLargerThanARequestIsCut() {
        assertThat(Points.requestBodies(List.of(points("x", 7)), 3)).containsExactly("x0\nx1\nx2", "x3\nx4\nx5", "x6");
    }

    private static Points points(String prefix, int n) {
        Points p = new Points(n);
        for (int i = 0; i < n; i++) {
            p.add(prefix + i);
        }
        return p;
    }
}
