-- Secrets sealed with the operator's key (collector.secrets.key, AES-256-GCM: SecretBox).
-- coaps_psk: the gateway's DTLS pre-shared key, HMAC-SHA256(token, 'dos-coaps-psk'), sealed. Rows
-- registered before stay NULL: their old key was token_hash itself, which this table shows to anyone
-- who reads it, so CoAPS refuses them until their token is rotated (HTTP and MQTT are unaffected).
ALTER TABLE gateway ADD COLUMN coaps_psk VARCHAR(200);
-- Webhook secrets are stored sealed ('v1:...', longer than the plain 'whsec_...'); plain ones left by
-- earlier versions are sealed when the collector starts (SubscriptionStore), as SQL has no key.
ALTER TABLE subscription ALTER COLUMN secret SET DATA TYPE VARCHAR(200);
