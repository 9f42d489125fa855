package de.dos2030.iot.collector.fleet.rollout;

import java.util.ArrayList;
import java.util.List;

/**
 * Which step each gateway of a rollout belongs to: step 0 is the canary alone; then each percentage is the
 * share of all gateways reached once that step is done (cumulative, rounded up), and a step that would add
 * nobody is left out. Pure and thread-safe.
 */
public final class RolloutPlan {
    private RolloutPlan() {}

    /**
     * Checks percentage steps: each 1 to 100, strictly rising, the last 100.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<Integer> checkSteps(List<Integer> percentSteps) {
        if (percentSteps == null || percentSteps.isEmpty()) {
            throw new IllegalArgumentException("percentSteps is empty (e.g. [10, 50, 100])");
        }
        int before = 0;
        for (Integer p : percentSteps) {
            if (p == null || p <= before || p > 100) {
                throw new IllegalArgumentException("percentSteps " + percentSteps
                        + " must rise strictly, each from 1 to 100 (e.g. [10, 50, 100])");
            }
            before = p;
        }
        if (before != 100) {
            throw new IllegalArgumentException("percentSteps " + percentSteps + " must end at 100");
        }
        return List.copyOf(percentSteps);
    }

    /** The step of each of {@code count} gateways in rollout order (index 0 is the canary). */
    public static List<Integer> steps(int count, List<Integer> percentSteps) {
        List<Integer> out = new ArrayList<>();
        if (count == 0) {
            return out;
        }
        out.add(0);
        int step = 0;
        for (int p : checkSteps(percentSteps)) {
            int reach = Math.min(count, (int) Math.ceil(count * p / 100.0));
            if (reach > out.size()) {
                step++;
                while (out.size() < reach) {
                    out.add(step);
                }
            }
        }
        return out;
    }
}
