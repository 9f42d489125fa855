package de.dos2030.iot.collector.fleet;

/** A signed agent release as the desired-state document names it. */
public record AgentRelease(String version, String sha256, String signatureBase64, String url) {}
