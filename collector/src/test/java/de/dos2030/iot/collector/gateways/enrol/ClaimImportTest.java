package de.dos2030.iot.collector.gateways.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.SiteKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimImportTest {

    @Test
    void readsGoodRowsWithOptionalLocationsCommentsAndQuotes() {
        ClaimImport.Result r = ClaimImport.read(
                "\uFEFFid,site,kind,location\n# school first\ngw-1,gs-a,school,r-101\n\"gw-2\",br-1,Bridge,\ngw-3,gs-a,school\n",
                Set.of());
        assertThat(r.problems()).isEmpty();
        assertThat(r.rows())
                .containsExactly(
                        new Enrolment.ClaimRequest("gw-1", "gs-a", SiteKind.SCHOOL, "r-101"),
                        new Enrolment.ClaimRequest("gw-2", "br-1", SiteKind.BRIDGE, null),
                        new Enrolment.ClaimRequest("gw-3", "gs-a", SiteKind.SCHOOL, null));
    }

    @Test
    void reportsEveryBadLineWithItsNumberAndKeepsNoRows() {
        ClaimImport.Result r = ClaimImport.read(
                "id,site,kind,location\ngw-1,gs-a,school,r1\ngw-1,gs-a,school,r2\ngw-2,,school,r1\ngw-3,gs-a,school,r1,x\n"
                        + "old,gs-a,school,\n",
                Set.of("old"));
        assertThat(r.rows()).isEmpty();
        assertThat(r.problems())
                .containsExactly(
                        "line 3: gateway 'gw-1' is also on line 2",
                        "line 4: site '' is not a valid id (ids: 1 to 64 of A-Z a-z 0-9 . _ - starting with a letter"
                                + " or digit)",
                        "line 5: 5 fields, expected id,site,kind,location",
                        "line 6: gateway 'old' is already registered (re-enrol it with a single claim)");
    }

    @Test
    void aWrongHeaderOrAnEmptyFileIsOneProblem() {
        assertThat(ClaimImport.read("gateway,site\ngw-1,gs-a\n", Set.of()).problems())
                .containsExactly("line 1: the header must be 'id,site,kind,location', not 'gateway,site'");
        assertThat(ClaimImport.read("\n\n", Set.of()).problems())
                .singleElement()
                .asString()
                .contains("empty");
        assertThat(ClaimImport.read("id,site,kind\n", Set.of()).problems())
                .containsExactly("the file has a header but no gateways");
    }
}
