package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.sta.filter.FilterException;
import java.util.ArrayList;
import java.util.List;

/**
 * The resource path of a request below {@code /sta/v1.1}: entity sets and navigation properties,
 * each optionally with an id ({@code Things(42)} or the text key {@code Things('gs-kley:r204')}), then
 * optionally a property and {@code $value}, or {@code $ref}.
 *
 * @param property a property name, or null
 * @param value    whether {@code $value} follows the property
 * @param ref      whether the path ends in {@code $ref}
 */
record ResourcePath(List<Step> steps, String property, boolean value, boolean ref) {
    static final int MAX_LENGTH = 2_048;

    /** One segment: a set or navigation name and its id (numeric or text key), if any. */
    record Step(String name, Long id, String key) {
        boolean hasId() {
            return id != null || key != null;
        }

        String idText() {
            return id != null ? String.valueOf(id) : "'" + key + "'";
        }
    }

    /**
     * @param path the decoded path after {@code /sta/v1.1/}, e.g. {@code Things(1)/Datastreams}
     * @throws FilterException when a segment cannot be read
     */
    static ResourcePath parse(String path) {
        if (path.length() > MAX_LENGTH) {
            throw new FilterException("the resource path is longer than " + MAX_LENGTH + " characters");
        }
        List<String> segs = QueryOptions.split(path.startsWith("/") ? path.substring(1) : path, '/');
        List<Step> steps = new ArrayList<>();
        String property = null;
        boolean value = false;
        boolean ref = false;
        for (int i = 0; i < segs.size(); i++) {
            String s = segs.get(i);
            boolean last = i == segs.size() - 1;
            if (s.equals("$ref") && last && !steps.isEmpty() && property == null) {
                ref = true;
            } else if (s.equals("$value") && last && property != null) {
                value = true;
            } else if (property != null) {
                throw new FilterException(
                        "'" + s + "' cannot follow the property '" + property + "' (only $value can)");
            } else if (!s.isEmpty() && Character.isLowerCase(s.charAt(0)) && !steps.isEmpty()) {
                property = s;
            } else {
                steps.add(step(s));
            }
        }
        if (steps.isEmpty()) {
            throw new FilterException("the resource path names no entity set");
        }
        return new ResourcePath(List.copyOf(steps), property, value, ref);
    }

    private static Step step(String s) {
        int open = s.indexOf('(');
        if (open < 0) {
            requireName(s);
            return new Step(s, null, null);
        }
        if (!s.endsWith(")")) {
            throw new FilterException("segment " + QueryOptions.quoted(s) + " does not close its '('");
        }
        String name = s.substring(0, open);
        requireName(name);
        String id = s.substring(open + 1, s.length() - 1).trim();
        if (id.length() >= 2 && id.startsWith("'") && id.endsWith("'")) {
            return new Step(name, null, id.substring(1, id.length() - 1).replace("''", "'"));
        }
        try {
            return new Step(name, Long.parseLong(id), null);
        } catch (NumberFormatException e) {
            throw new FilterException("id " + QueryOptions.quoted(id) + " of " + name
                    + " is neither a number nor a quoted key such as 'gs-kley:r204'");
        }
    }

    private static void requireName(String s) {
        if (!s.matches("[A-Za-z]{1,40}")) {
            throw new FilterException(
                    "segment " + QueryOptions.quoted(s) + " is not an entity set or navigation property");
        }
    }
}
