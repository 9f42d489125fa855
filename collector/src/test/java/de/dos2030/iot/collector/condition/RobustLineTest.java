package de.dos2030.iot.collector.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Theil-Sen with a MAD spread: the line through the bulk, whatever a few wild points say. */
class RobustLineTest {

    @Test
    void findsTheTemperatureSlopeDespiteAFifthOfWildPoints() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 500;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -5 + 20 * random.nextDouble();
            y[i] = 10.8 - 0.0216 * x[i] + 0.01 * (random.nextDouble() - 0.5);
            if (i % 5 == 0) {
                y[i] += 0.5 + random.nextDouble(); // a wrong peak picked: far off, always upwards
            }
        }
        RobustLine line = RobustLine.fit(x, y, n, 1e-4);
        assertThat(line.slope()).isBetween(-0.0226, -0.0206);
        assertThat(line.predict(10)).isBetween(10.58, 10.60);
        assertThat(line.sigma())
                .as("spread of the bulk, not of the wild points")
                .isLessThan(0.02);
    }

    @Test
    void isFlatWhenTheTemperatureNeverChangedAndNeverReportsASigmaBelowTheFloor() {
        double[] x = {12, 12, 12, 12};
        double[] y = {5, 5, 5, 5};
        RobustLine line = RobustLine.fit(x, y, 4, 0.01);
        assertThat(line.slope()).isZero();
        assertThat(line.intercept()).isEqualTo(5);
        assertThat(line.sigma()).isEqualTo(0.01);
    }

    @Test
    void fitsALongLearningPeriodFromASpreadSubsetWithinBoundedMemory() {
        int n = 9000; // 60 days of 10-minute bins
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 15 * Math.sin(i / 70.0);
            y[i] = 200 + 11 * x[i] + (i % 7 - 3) * 0.5;
        }
        RobustLine line = RobustLine.fit(x, y, n, 0.01);
        assertThat(line.slope()).isBetween(10.95, 11.05);
        assertThat(line.intercept()).isBetween(199.5, 200.5);
    }

    @Test
    void refusesFewerThanThreePoints() {
        assertThatThrownBy(() -> RobustLine.fit(new double[] {1, 2}, new double[] {1, 2}, 2, 0.1))
                .hasMessage("a robust line needs at least 3 points, got 2");
    }
}
