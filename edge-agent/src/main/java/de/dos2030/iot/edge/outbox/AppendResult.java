package de.dos2030.iot.edge.outbox;

import java.util.List;

/** What became of a batch handed to {@link Outbox#append}. */
public sealed interface AppendResult {

    /** Journaled (and synced if the policy says so); {@code problems} lists readings or alerts left out as invalid. */
    record Journaled(OutboxEntry entry, List<String> problems) implements AppendResult {}

    /** Not journaled, and no sequence number used; {@code reason} says why. */
    record Refused(String reason) implements AppendResult {}
}
