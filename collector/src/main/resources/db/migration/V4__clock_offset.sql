-- The gateway's measured clock offset (its clock minus the collector's), from its latest health.
ALTER TABLE gateway_activity ADD COLUMN clock_offset_ms BIGINT;
