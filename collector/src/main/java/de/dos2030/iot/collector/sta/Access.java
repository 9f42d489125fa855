package de.dos2030.iot.collector.sta;

import de.dos2030.iot.collector.opendata.PublicTier;
import java.time.Instant;

/**
 * What a request may see: everything raw and live (a caller with a valid API token, any role), or,
 * anonymously, public sites only with observations coarsened and delayed by {@link PublicTier}.
 */
record Access(boolean anonymous, PublicTier tier, Instant now) {}
