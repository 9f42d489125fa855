package de.dos2030.iot.collector.security.audit;

import java.util.List;

/** Audit entries as CSV (RFC 4180, comma, header row): what spreadsheets and the data-protection officer open. */
final class AuditCsv {
    static final String MEDIA_TYPE = "text/csv";

    private AuditCsv() {}

    static String write(List<AuditEntry> entries) {
        StringBuilder b =
                new StringBuilder("seq,at,actor,actor_role,client,action,target,before,after,prev_hash,hash\r\n");
        for (AuditEntry e : entries) {
            b.append(e.seq()).append(',');
            for (String field : new String[] {
                e.at().toString(),
                e.actor(),
                e.actorRole(),
                e.client(),
                e.action(),
                e.target(),
                e.before(),
                e.after(),
                e.prevHash()
            }) {
                b.append(quoted(field)).append(',');
            }
            b.append(e.hash()).append("\r\n");
        }
        return b.toString();
    }

    /** A field quoted when it needs it; a leading = + - @ is defused so that no spreadsheet runs it as a formula. */
    static String quoted(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
