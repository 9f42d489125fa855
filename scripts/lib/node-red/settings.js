// Node-RED settings for scripts/bench-peers.sh: the editor and its HTTP API on a private port,
// no credential encryption prompts, info in the log (the script waits for "Connected to broker"). Everything else stays Node-RED's default.
module.exports = {
    uiPort: parseInt(process.env.NR_HTTP_PORT || "1880", 10),
    uiHost: "127.0.0.1",
    flowFile: "flows.json",
    credentialSecret: false,
    logging: { console: { level: "info", metrics: false, audit: false } },
    editorTheme: { projects: { enabled: false } },
    telemetry: { enabled: false }
};
