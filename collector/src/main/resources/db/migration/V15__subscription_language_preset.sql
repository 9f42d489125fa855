-- Each subscription's language (de, the default, or en) for its texts, and, for webhooks, the shape of
-- the body: json (the raw event, as before), matrix (an m.room.message) or teams (an Adaptive Card).
-- Existing subscriptions keep what they had: German texts and the raw JSON body.
ALTER TABLE subscription ADD COLUMN language VARCHAR(8) DEFAULT 'de' NOT NULL;
ALTER TABLE subscription ADD COLUMN preset VARCHAR(16) DEFAULT 'json' NOT NULL;
