-- What each collector instance knows was stored of a gateway boot: ranges of batch sequence
-- numbers ("0-1523,1525-1600"). Instances in one MQTT share group each store only some batches;
-- the union of these rows is what was stored (ingest.SequenceTracker, ingest.SequenceSharing).
-- updated_at is the database's clock, the one clock all instances share.
CREATE TABLE stored_sequences (
    gateway_id   VARCHAR(64)      NOT NULL,
    boot_id      VARCHAR(64)      NOT NULL,
    instance_id  VARCHAR(64)      NOT NULL,
    ranges       VARCHAR(1000000) NOT NULL,
    first_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (gateway_id, boot_id, instance_id)
);
CREATE INDEX stored_sequences_updated ON stored_sequences (updated_at);
