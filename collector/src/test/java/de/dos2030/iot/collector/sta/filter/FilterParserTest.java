package de.dos2030.iot.collector.sta.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterParserTest {
    /** Entities of these tests are maps; a path reads nested maps. */
    private static final Evaluator EVAL = new Evaluator(
            (entity, path) -> {
                Object cur = entity;
                for (String s : path.segments()) {
                    cur = cur instanceof Map<?, ?> m ? m.get(s) : null;
                }
                return cur;
            },
            () -> Instant.parse("2026-03-01T12:00:00Z"));

    private static final Map<String, Object> ROOM = Map.of(
            "name",
            "Klasse 4b",
            "result",
            612.5,
            "count",
            7L,
            "phenomenonTime",
            Instant.parse("2026-03-01T08:15:00Z"),
            "properties",
            Map.of("kind", "room", "floor", 2L),
            "location",
            Map.of("type", "Point", "coordinates", List.of(7.3855, 51.4957)));

    private static boolean test(String filter) {
        return EVAL.test(FilterParser.filter(filter), ROOM);
    }

    @Test
    void comparesNumbersStringsAndTimes() {
        assertThat(test("result gt 600 and result le 612.5")).isTrue();
        assertThat(test("name eq 'Klasse 4b'")).isTrue();
        assertThat(test("name ne 'Klasse 4b'")).isFalse();
        assertThat(test("phenomenonTime ge 2026-03-01T08:00:00Z and phenomenonTime lt 2026-03-01T09:00:00+01:00"))
                .isFalse();
        assertThat(test("phenomenonTime lt 2026-03-01T09:00:00Z")).isTrue();
        assertThat(test("missing eq null and not (missing ne null)")).isTrue();
        assertThat(test("missing gt 1")).as("a comparison with null is false").isFalse();
    }

    @Test
    void followsPrecedenceOfLogicalAndArithmeticOperators() {
        assertThat(test("true or false and false")).isTrue();
        assertThat(test("(true or false) and false")).isFalse();
        assertThat(test("count add 3 mul 2 eq 13")).isTrue();
        assertThat(test("count mod 4 eq 3 and count div 2 eq 3")).isTrue();
        assertThat(test("-count eq -7 and result sub 0.5 eq 612")).isTrue();
        assertThat(test("properties/floor mul 10 eq 20")).isTrue();
    }

    @Test
    void evaluatesStringDateAndMathFunctions() {
        assertThat(test("substringof('4b', name) and startswith(name, 'Kla') and endswith(name, '4b')"))
                .isTrue();
        assertThat(test("length(name) eq 9 and indexof(name, 'e') eq 5 and substring(name, 7) eq '4b'"))
                .isTrue();
        assertThat(test("tolower(name) eq 'klasse 4b' and toupper(trim(' a ')) eq 'A'"))
                .isTrue();
        assertThat(test("concat(name, '!') eq 'Klasse 4b!' and substring(name, 0, 6) eq 'Klasse'"))
                .isTrue();
        assertThat(test("year(phenomenonTime) eq 2026 and month(phenomenonTime) eq 3 and hour(phenomenonTime) eq 8"))
                .isTrue();
        assertThat(test("minute(phenomenonTime) eq 15 and date(phenomenonTime) eq '2026-03-01'"))
                .isTrue();
        assertThat(test("round(result) eq 613 and floor(result) eq 612 and ceiling(result) eq 613"))
                .isTrue();
        assertThat(test("phenomenonTime lt now() and phenomenonTime gt mindatetime()"))
                .isTrue();
        assertThat(test("phenomenonTime add duration'PT1H' gt 2026-03-01T09:00:00Z"))
                .isTrue();
        assertThat(test("name eq 'It''s'")).isFalse();
        assertThat(FilterParser.filter("name eq 'It''s'"))
                .isEqualTo(new Expr.Binary(Expr.Op.EQ, new Expr.Path(List.of("name")), new Expr.Literal("It's")));
    }

    @Test
    void evaluatesGeospatialFunctionsOnGeoJsonLocations() {
        assertThat(test("geo.distance(location, geography'POINT(7.3855 51.4957)') eq 0"))
                .isTrue();
        assertThat(test("geo.distance(location, geography'POINT(8.3855 51.4957)') lt 1.01"))
                .isTrue();
        assertThat(test("st_within(location, geography'POLYGON((7 51, 8 51, 8 52, 7 52, 7 51))')"))
                .isTrue();
        assertThat(test("st_within(location, geography'POLYGON((8 51, 9 51, 9 52, 8 52, 8 51))')"))
                .isFalse();
        assertThat(test("st_intersects(location, geography'POLYGON((7 51, 8 51, 8 52, 7 52))')"))
                .isTrue();
        assertThat(test("st_disjoint(location, geography'POINT(0 0)')")).isTrue();
        assertThat(test("geo.length(geography'LINESTRING(0 0, 3 4)') eq 5")).isTrue();
    }

    @Test
    void parsesOrderByTerms() {
        List<FilterParser.OrderTerm> terms = FilterParser.orderBy("phenomenonTime desc, name asc,result");
        assertThat(terms).extracting(FilterParser.OrderTerm::descending).containsExactly(true, false, false);
        assertThat(terms.get(0).expr()).isEqualTo(new Expr.Path(List.of("phenomenonTime")));
    }

    @Test
    void refusesBadFiltersWithAMessageThatSaysWhere() {
        assertThatThrownBy(() -> FilterParser.filter("name eq")).hasMessageContaining("operand is missing");
        assertThatThrownBy(() -> FilterParser.filter("name eq 'open")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> FilterParser.filter("evil(name)")).hasMessageContaining("unknown function 'evil'");
        assertThatThrownBy(() -> FilterParser.filter("name eq 1 2")).hasMessageContaining("at character 11");
        assertThatThrownBy(() -> FilterParser.filter("geo.distance(location, geography'CIRCLE(1)') lt 1"))
                .hasMessageContaining("geography literal");
        assertThatThrownBy(() -> FilterParser.filter("phenomenonTime gt 2026-02-30T00:00:00Z"))
                .hasMessageContaining("date-time");
        assertThatThrownBy(() -> FilterParser.filter("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> test("name gt 3")).hasMessageContaining("cannot compare a string with a number");
        assertThatThrownBy(() -> test("substringof(name)")).hasMessageContaining("takes 2 arguments");
        assertThatThrownBy(() -> test("st_relate(location, location) eq true")).hasMessageContaining("not supported");
    }

    @Test
    void boundsDepthLengthAndSize() {
        assertThatThrownBy(() -> FilterParser.filter("length(".repeat(1000) + "name" + ")".repeat(1000)))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("nests deeper than 64");
        assertThatThrownBy(() -> FilterParser.filter("(".repeat(65) + "true" + ")".repeat(65)))
                .hasMessageContaining("nests deeper than 64");
        assertThat(FilterParser.filter("(".repeat(60) + "true" + ")".repeat(60)))
                .isEqualTo(new Expr.Literal(true));
        assertThatThrownBy(() -> FilterParser.filter("name eq '" + "x".repeat(100 * 1024) + "'"))
                .hasMessageContaining("at most 8192");
        assertThatThrownBy(() -> FilterParser.filter("true or ".repeat(1000) + "true"))
                .hasMessageContaining("more than 2000 terms");
    }

    @Test
    void randomTextNeverEscapesAsAnythingButAFilterException() {
        Random random = new Random(18);
        String alphabet = "()',/ -.:0123456789abcdeglnoqrstuxyzTZ'\"\\;$@";
        List<String> words = List.of(
                "eq ",
                "and ",
                "or ",
                "not ",
                "name ",
                "geo.distance(",
                "substringof(",
                "geography'POINT(1 2)'",
                "2026-03-01T00:00:00Z ",
                "duration'PT1H' ",
                "'x''y' ",
                "(",
                ")",
                ",");
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = 1 + random.nextInt(30);
            for (int j = 0; j < n; j++) {
                if (random.nextBoolean()) {
                    s.append(words.get(random.nextInt(words.size())));
                } else {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                EVAL.eval(FilterParser.filter(s.toString()), ROOM);
            } catch (FilterException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void durationsAndTimesCombine() {
        assertThat(EVAL.eval(FilterParser.filter("2026-03-01T10:00:00Z sub 2026-03-01T08:00:00Z"), ROOM))
                .isEqualTo(Duration.ofHours(2));
    }
}
