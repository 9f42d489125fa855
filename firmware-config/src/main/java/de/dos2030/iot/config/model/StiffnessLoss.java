package de.dos2030.iot.config.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated damage: mode {@code mode} (f1, f2, f3) of a simulated bridge loses {@code fraction}
 * of its modal stiffness (0 &lt; fraction &lt; 1), {@code after} the simulation started (zero: from
 * the start). Written {@code f1:3%} or {@code f1:3%@30m} in a simulated source's {@code damage}
 * and in the agent's {@code --simulate-damage}; several separated by commas
 * ({@code f1:3%,f2:1.5%@2h}). A mode's frequency goes with the square root of its stiffness, so 3 %
 * lost lowers it by about 1.5 %.
 */
public record StiffnessLoss(String mode, double fraction, Duration after) {

    /** The written form, one or several, as the file's JSON Schema and the loader accept it. */
    private static final String ONE_TEXT = "f[1-3]:[0-9]+(\\.[0-9]+)?%(@[0-9]+(ms|s|m|h|d))?";

    public static final Pattern TEXT = Pattern.compile(ONE_TEXT + "(,\\s*" + ONE_TEXT + ")*");

    public static final String ALLOWED =
            "f1:3% (mode f1..f3 : stiffness lost, under 100%), f1:3%@30m (from 30 minutes on), or several: f1:3%,f3:1%";

    private static final Pattern ONE = Pattern.compile("(f[1-3]):([0-9]+(?:\\.[0-9]+)?)%(?:@([0-9]+(?:ms|s|m|h|d)))?");

    /** A loss from the start of the simulation. */
    public StiffnessLoss(String mode, double fraction) {
        this(mode, fraction, Duration.ZERO);
    }

    public StiffnessLoss {
        after = after == null ? Duration.ZERO : after;
        List<Violation> out = new ArrayList<>();
        if (after.isNegative()) {
            out.add(Violation.of("damage", "a loss cannot begin before the simulation", ALLOWED));
        }
        if (mode == null || !ModeBand.NAMES.contains(mode)) {
            out.add(Violation.of("damage", "'" + mode + "' is not a mode name", ModeBand.NAMES_ALLOWED));
        }
        if (!(fraction > 0 && fraction < 1)) {
            out.add(Violation.of("damage", "a stiffness loss must lie above 0 % and below 100 %", ALLOWED));
        }
        Violation.throwIfAny("damage", out);
    }

    /** 0 for f1. */
    public int index() {
        return ModeBand.NAMES.indexOf(mode);
    }

    /** The mode's frequency after the loss, as a factor of its healthy one: sqrt(1 - fraction). */
    public double frequencyFactor() {
        return Math.sqrt(1 - fraction);
    }

    /**
     * Reads {@code f1:3%} or {@code f1:3%,f2:1.5%}.
     *
     * @throws InvalidConfigException when the text has another form, a mode appears twice or a loss is 100 % or more
     */
    public static List<StiffnessLoss> parse(String text) {
        if (text == null || !TEXT.matcher(text.trim()).matches()) {
            throw new InvalidConfigException(
                    "damage", List.of(Violation.of("damage", "'" + text + "' is not a stiffness loss", ALLOWED)));
        }
        List<StiffnessLoss> out = new ArrayList<>();
        Matcher m = ONE.matcher(text);
        while (m.find()) {
            Duration after = m.group(3) == null
                    ? Duration.ZERO
                    : DurationText.parse(m.group(3)).orElseThrow();
            StiffnessLoss loss = new StiffnessLoss(m.group(1), Double.parseDouble(m.group(2)) / 100, after);
            if (out.stream().anyMatch(l -> l.mode().equals(loss.mode()))) {
                throw new InvalidConfigException(
                        "damage", List.of(Violation.of("damage", "mode " + loss.mode() + " is named twice", ALLOWED)));
            }
            out.add(loss);
        }
        return List.copyOf(out);
    }

    /** The written form of a list: {@code f1:3%,f2:1.5%}. */
    public static String format(List<StiffnessLoss> losses) {
        return String.join(",", losses.stream().map(StiffnessLoss::toString).toList());
    }

    /** The written form: {@code f1:3%} or {@code f1:3%@30m}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s:%s%%", mode, ModeBand.text(Math.round(fraction * 1e6) / 1e4))
                + (after.isZero() ? "" : "@" + DurationText.format(after));
    }
}
