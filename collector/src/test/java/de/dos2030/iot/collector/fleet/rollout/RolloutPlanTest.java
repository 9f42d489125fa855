package de.dos2030.iot.collector.fleet.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RolloutPlanTest {

    @Test
    void theCanaryGoesAloneThenEachPercentageOfAllGatewaysCumulatively() {
        assertThat(RolloutPlan.steps(10, List.of(10, 50, 100))).containsExactly(0, 1, 1, 1, 1, 2, 2, 2, 2, 2);
        assertThat(RolloutPlan.steps(5, List.of(20, 60, 100))).containsExactly(0, 1, 1, 2, 2);
        assertThat(RolloutPlan.steps(1, List.of(10, 50, 100))).containsExactly(0);
        assertThat(RolloutPlan.steps(0, List.of(100))).isEmpty();
    }

    @Test
    void everyGatewayGetsAStepAndStepsNeverSkipANumberOrGoBack() {
        Random random = new Random(20);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(300);
            List<Integer> steps = randomSteps(random);
            List<Integer> plan = RolloutPlan.steps(n, steps);
            assertThat(plan).hasSize(n);
            assertThat(plan.get(0)).isZero();
            for (int i = 1; i < n; i++) {
                assertThat(plan.get(i) - plan.get(i - 1))
                        .as("%s of %d", steps, n)
                        .isBetween(0, 1);
            }
            assertThat(plan.get(n - 1)).isLessThanOrEqualTo(steps.size());
            assertThat(plan.stream().filter(s -> s == 0)).hasSize(1); // the canary alone
        }
    }

    @Test
    void stepsMustRiseAndEndAtAHundred() {
        assertThatThrownBy(() -> RolloutPlan.checkSteps(List.of(50, 20, 100))).hasMessageContaining("rise strictly");
        assertThatThrownBy(() -> RolloutPlan.checkSteps(List.of(10, 50))).hasMessageContaining("end at 100");
        assertThatThrownBy(() -> RolloutPlan.checkSteps(List.of(0, 100))).hasMessageContaining("from 1 to 100");
        assertThatThrownBy(() -> RolloutPlan.checkSteps(List.of())).hasMessageContaining("empty");
    }

    private static List<Integer> randomSteps(Random random) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        int k = random.nextInt(5);
        for (int i = 0; i < k; i++) {
            s.add(1 + random.nextInt(99));
        }
        s.add(100);
        return List.copyOf(s);
    }
}
