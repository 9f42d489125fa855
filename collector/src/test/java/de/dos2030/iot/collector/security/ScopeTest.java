package de.dos2030.iot.collector.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import de.dos2030.iot.collector.query.InfluxQl;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A scope's wire form, its test of a site, and the conditions built from it agree with each other. */
class ScopeTest {
    static final long SEED = 0x5c0be5L;
    static final List<String> SITES = List.of("gs-kley", "gs-2", "br-12", "br-a_1", "x.y");
    static final List<String> KINDS = List.of("school", "bridge");

    /** Scope number n: 0 all, 1-2 a kind, else a non-empty subset of SITES by its bits. */
    static Scope scope(int n) {
        if (n == 0) {
            return Scope.ALL;
        }
        if (n <= 2) {
            return Scope.kind(KINDS.get(n - 1));
        }
        Set<String> sites = new TreeSet<>();
        for (int i = 0; i < SITES.size(); i++) {
            if (((n - 2) >> i & 1) == 1) {
                sites.add(SITES.get(i));
            }
        }
        return Scope.sites(sites);
    }

    static final int SCOPES = 2 + (1 << SITES.size()) - 1;

    @Test
    void theWireFormReadsBackAsTheSameScope() {
        qt().withFixedSeed(SEED)
                .forAll(integers().between(0, SCOPES - 1))
                .checkAssert(n -> assertThat(Scope.parse(scope(n).wire())).isEqualTo(scope(n)));
    }

    @Test
    void theSqlConditionHoldsForExactlyTheSitesTheScopeAllows() {
        qt().withFixedSeed(SEED)
                .forAll(
                        integers().between(0, SCOPES - 1),
                        integers().between(0, SITES.size() - 1),
                        integers().between(0, 1))
                .checkAssert((n, s, k) -> {
                    Scope scope = scope(n);
                    String site = SITES.get(s);
                    String kind = KINDS.get(k);
                    List<Object> params = new ArrayList<>();
                    String sql = scope.sql("site_id", "site_kind", params);
                    boolean holds;
                    if (sql.isEmpty()) {
                        holds = true;
                    } else if (sql.startsWith(" AND site_id IN (")) {
                        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(params.size());
                        holds = params.contains(site);
                    } else {
                        assertThat(sql).isEqualTo(" AND site_kind = ?");
                        holds = params.equals(List.of(kind));
                    }
                    assertThat(holds)
                            .as(scope + " on " + site + " (" + kind + ")")
                            .isEqualTo(scope.allows(site, kind));
                    assertThat(sql).doesNotContain(site).doesNotContain("'"); // values only as parameters
                });
    }

    @Test
    void theInfluxQlConditionNamesEveryAllowedSiteAndNoOther() {
        qt().withFixedSeed(SEED).forAll(integers().between(3, SCOPES - 1)).checkAssert(n -> {
            Scope scope = scope(n);
            String ql = InfluxQl.scope(scope);
            for (String site : SITES) {
                assertThat(ql.contains("\"site\" = '" + site + "'")).as(ql).isEqualTo(scope.allows(site, null));
            }
        });
        assertThat(InfluxQl.scope(Scope.kind("bridge"))).isEqualTo("(\"site_kind\" = 'bridge')");
        assertThat(InfluxQl.scope(Scope.ALL)).isEmpty();
    }

    @Test
    void aSiteOfUnknownKindIsOutsideAKindScopeAndNullIsNoSite() {
        assertThat(Scope.kind("school").allows("gs-1", null)).isFalse();
        assertThat(Scope.sites(List.of("gs-1")).allows(null, "school")).isFalse();
        assertThat(Scope.ALL.allows(null, null)).isTrue();
    }

    @Test
    void refusesMalformedScopesNamingTheAllowedForms() {
        assertThatThrownBy(() -> Scope.parse("everything")).hasMessageContaining("allowed: all, kind:school");
        assertThatThrownBy(() -> Scope.parse("kind:tunnel")).hasMessageContaining("allowed: school, bridge");
        assertThatThrownBy(() -> Scope.parse("sites:")).hasMessageContaining("1 to 200 site ids");
        assertThatThrownBy(() -> Scope.parse("sites:gs-1,' OR 1=1")).hasMessageContaining("is not a valid id");
        assertThat(Scope.parse(null)).isEqualTo(Scope.ALL);
        assertThat(Scope.parse(" sites: b , a ").wire()).isEqualTo("sites:a,b");
    }
}
