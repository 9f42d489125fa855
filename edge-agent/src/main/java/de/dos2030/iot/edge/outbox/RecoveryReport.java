package de.dos2030.iot.edge.outbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What start-up found in the journal: how many batches are waiting, and every torn tail and corrupt
 * record with its file and offset, so that the agent can log each one.
 *
 * @param segments        segment files read
 * @param pendingBatches  batches recovered as still unacknowledged
 * @param tornTailBytes   bytes cut off the end of segments (a write interrupted by a crash or power loss)
 * @param corruptRecords  records skipped because their checksum did not hold
 * @param findings        one readable line per torn tail or corrupt record
 */
public record RecoveryReport(
        int segments, long pendingBatches, long tornTailBytes, long corruptRecords, List<String> findings) {

    public RecoveryReport {
        findings = List.copyOf(findings);
    }

    public boolean clean() {
        return tornTailBytes == 0 && corruptRecords == 0;
    }

    static final class Builder {
        int segments;
        long tornTailBytes;
        long corruptRecords;
        final List<String> findings = new ArrayList<>();

        void tornTail(Path file, long offset, long bytes) {
            tornTailBytes += bytes;
            findings.add("torn tail in " + file.getFileName() + " at offset " + offset + ": " + bytes
                    + " bytes of an interrupted write truncated");
        }

        void corruptRecord(Path file, long offset, long bytes) {
            corruptRecords++;
            findings.add("corrupt record in " + file.getFileName() + " at offset " + offset + ": " + bytes
                    + " bytes skipped (checksum mismatch)");
        }

        RecoveryReport build(long pending) {
            return new RecoveryReport(segments, pending, tornTailBytes, corruptRecords, findings);
        }
    }
}
