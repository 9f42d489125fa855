package de.dos2030.iot.collector.security.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The chain's hash covers every field, and the audit state never carries a secret. */
class AuditHashTest {
    static final Instant AT = Instant.parse("2026-12-05T00:00:00.123Z");

    @Test
    void changingAnyFieldOrMovingTextBetweenFieldsChangesTheHash() {
        String base = AuditHash.of(
                AuditHash.GENESIS, 7, AT, "admin", "admin", "10.0.0.1", "token.issue", "token/a", null, "{}");
        Set<String> hashes = new HashSet<>(List.of(
                base,
                AuditHash.of("1".repeat(64), 7, AT, "admin", "admin", "10.0.0.1", "token.issue", "token/a", null, "{}"),
                AuditHash.of(
                        AuditHash.GENESIS, 8, AT, "admin", "admin", "10.0.0.1", "token.issue", "token/a", null, "{}"),
                AuditHash.of(
                        AuditHash.GENESIS,
                        7,
                        AT.plusMillis(1),
                        "admin",
                        "admin",
                        "10.0.0.1",
                        "token.issue",
                        "token/a",
                        null,
                        "{}"),
                AuditHash.of(
                        AuditHash.GENESIS, 7, AT, "admin2", "admin", "10.0.0.1", "token.issue", "token/a", null, "{}"),
                AuditHash.of(AuditHash.GENESIS, 7, AT, "admin", null, "10.0.0.1", "token.issue", "token/a", null, "{}"),
                AuditHash.of(
                        AuditHash.GENESIS, 7, AT, "admin", "admin", "10.0.0.2", "token.issue", "token/a", null, "{}"),
                AuditHash.of(
                        AuditHash.GENESIS, 7, AT, "admin", "admin", "10.0.0.1", "token.revoke", "token/a", null, "{}"),
                AuditHash.of(
                        AuditHash.GENESIS, 7, AT, "admin", "admin", "10.0.0.1", "token.issue", "token/b", null, "{}"),
                AuditHash.of(
                        AuditHash.GENESIS, 7, AT, "admin", "admin", "10.0.0.1", "token.issue", "token/a", "{}", "{}"),
                AuditHash.of(
                        AuditHash.GENESIS, 7, AT, "admin", "admin", "10.0.0.1", "token.issue", "token/a", null, null),
                AuditHash.of(
                        AuditHash.GENESIS, 7, AT, "adm", "inadmin", "10.0.0.1", "token.issue", "token/a", null, "{}")));
        assertThat(hashes).hasSize(12);
        assertThat(base).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void redactsEverySecretNamedFieldAtAnyDepth() {
        Object tree = Audit.redact(Map.of(
                "id", "gw-1",
                "token", "dos_secret",
                "nested", List.of(Map.of("Secret", "whsec_x", "name", "n", "tokenHash", "abc"))));
        assertThat(tree.toString())
                .contains("gw-1", "name=n", "[redacted]")
                .doesNotContain("dos_secret", "whsec_x", "abc");
    }

    @Test
    void csvDefusesFormulasAndQuotesSeparators() {
        assertThat(AuditCsv.quoted("=cmd()")).isEqualTo("'=cmd()");
        assertThat(AuditCsv.quoted("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
        assertThat(AuditCsv.quoted(null)).isEmpty();
    }
}
