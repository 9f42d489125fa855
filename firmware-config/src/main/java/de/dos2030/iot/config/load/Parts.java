package de.dos2030.iot.config.load;

import de.dos2030.iot.config.definition.Fields;
import de.dos2030.iot.config.definition.ReadContext;
import de.dos2030.iot.config.model.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/** Small binding steps shared by the binders: construct a record or report why not; bind lists. */
final class Parts {

    private final ReadContext ctx;

    Parts(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** The record, or null after reporting its violations under {@code path}. */
    <T> T build(String path, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (InvalidConfigException e) {
            e.violations().forEach(v -> ctx.report(v.under(path)));
            return null;
        }
    }

    /** Binds each element, keeping nulls in place; an absent list is empty; an unreadable one null. */
    <T> List<T> list(List<Fields> fields, Function<Fields, T> binder) {
        if (fields == null) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (Fields f : fields) {
            out.add(f == null ? null : binder.apply(f));
        }
        return out;
    }

    static boolean whole(List<?> list) {
        return list != null && list.stream().allMatch(Objects::nonNull);
    }
}
