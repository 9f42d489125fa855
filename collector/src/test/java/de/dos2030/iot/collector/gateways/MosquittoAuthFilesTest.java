package de.dos2030.iot.collector.gateways;

import static org.assertj.core.api.Assertions.assertThat;

import de.dos2030.iot.model.SiteKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MosquittoAuthFilesTest {
    final MosquittoAuthFiles files = new MosquittoAuthFiles(
            new MosquittoFilesConfig(null, null, "collector", null, null, java.time.Duration.ofSeconds(10)),
            null,
            null);
    final Gateway gw1 = new Gateway(
            "gw-1",
            "school-1",
            SiteKind.SCHOOL,
            "h",
            "$7$101$c2FsdA==$aGFzaA==",
            null,
            true,
            Instant.EPOCH,
            Instant.EPOCH);

    @Test
    void keepsForeignAccountsAndDropsDeletedGateways() {
        String oldAcl = "user collector\ntopic readwrite #\n\n" + MosquittoAuthFiles.MARKER
                + "gw-old\nuser gw-old\ntopic write dos/x/gw-old/batch\n";
        String oldPasswd = "collector:$7$101$x$y\ngw-old:$7$101$a$b\n";

        String passwd = files.passwd(List.of(gw1), oldPasswd, oldAcl);
        String acl = files.acl(List.of(gw1), oldAcl);

        assertThat(passwd)
                .contains("collector:$7$101$x$y")
                .contains("gw-1:$7$101$c2FsdA==$aGFzaA==")
                .doesNotContain("gw-old");
        assertThat(acl)
                .contains("user collector\ntopic readwrite #")
                .doesNotContain("gw-old")
                .contains("user gw-1\ntopic write dos/school-1/gw-1/batch\n")
                .contains("topic read dos/school-1/gw-1/ack");
    }

    @Test
    void eachGatewayReadsOnlyItsOwnDesiredStateAndOnlyTheCollectorWritesDesiredStates() {
        MosquittoAuthFiles withCollector = new MosquittoAuthFiles(
                new MosquittoFilesConfig(null, null, "collector", "pw", null, java.time.Duration.ofSeconds(10)),
                null,
                null);
        Gateway gw2 = new Gateway(
                "gw-2",
                "bridge-1",
                SiteKind.BRIDGE,
                "h2",
                "$7$101$c2FsdA==$aGFzaA==",
                null,
                true,
                Instant.EPOCH,
                Instant.EPOCH);

        String acl = withCollector.acl(List.of(gw1, gw2), "");

        String gw1Block = acl.substring(acl.indexOf("user gw-1\n"), acl.indexOf(MosquittoAuthFiles.MARKER + "gw-2"));
        String collectorBlock =
                acl.substring(acl.indexOf("user collector\n"), acl.indexOf(MosquittoAuthFiles.MARKER + "gw-1"));
        assertThat(gw1Block)
                .contains("topic read dos/school-1/gw-1/desired\n")
                .doesNotContain("gw-2")
                .doesNotContain("write dos/school-1/gw-1/desired");
        assertThat(acl.substring(acl.indexOf("user gw-2\n"))).contains("topic read dos/bridge-1/gw-2/desired\n");
        assertThat(collectorBlock).contains("topic write dos/+/+/desired\n").doesNotContain("read dos/+/+/desired");
    }

    @Test
    void passwordHashVerifiesAndHasMosquittoFormat() {
        String hash = MosquittoPasswordHash.hash("s3cret");
        assertThat(hash).matches("\\$7\\$101\\$[A-Za-z0-9+/=]{16}\\$[A-Za-z0-9+/=]{88}");
        assertThat(MosquittoPasswordHash.matches("s3cret", hash)).isTrue();
        assertThat(MosquittoPasswordHash.matches("other", hash)).isFalse();
    }
}
