#!/usr/bin/env python3
"""Stage timings of scripts/bench-alert-latency.sh: joins, per alert step, the edge agent's log
(event=alert ... identity=, event=alert-sent), the collector's dos.alert.stages lines and the webhook
receiver's events.jsonl, and prints p50/p99/max of each stage in ms.

    alert-stages.py WORK_DIR [warm-up events per kind to skip, default 5]

Stages: sample (the crossing sample's edge time) -> journaled (in the outbox, alert lane) -> sent
(handed to the uplink) -> received (the collector has decoded the batch) -> stored (InfluxDB accepted
it) -> recorded (alert step and deliveries committed) -> delivery started -> webhook (the receiver has
it) -> 2xx seen (the collector has the receiver's answer). All processes run on one machine and
one clock; log times are whole milliseconds.
"""
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

work = Path(sys.argv[1])
skip = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def iso_ms(text):
    return int(datetime.strptime(text.rstrip("Z"), "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=timezone.utc).timestamp() * 1000)


def fields(line):
    return dict(re.findall(r'([a-z-]+)=("[^"]*"|\S+)', line))


journaled, sent = {}, {}  # (alert id, state) -> ms; identity -> first send ms
identity_of = {}
for line in (work / "logs/agent.log").read_text(errors="replace").splitlines():
    if "event=alert " in line:
        f = fields(line)
        key = (f["alert-id"], f["state"].lower())
        journaled.setdefault(key, iso_ms(line.split()[0]))
        identity_of[key] = f.get("identity", "-")
    elif "event=alert-sent " in line:
        sent.setdefault(fields(line)["identity"], iso_ms(line.split()[0]))

stored, recorded, started, done = {}, {}, {}, {}
for line in (work / "logs/collector.log").read_text(errors="replace").splitlines():
    if "stage=" not in line:
        continue
    f = fields(line)
    stage = f["stage"]
    if stage == "stored":
        stored.setdefault((f["alert"], f["state"]), (int(f["received"]), int(f["stored"])))
    elif stage == "recorded":
        recorded[(f["alert"], f["kind"])] = int(f["at"])
    elif stage == "delivery-started":
        started.setdefault(f["delivery"], int(f["at"]))
    elif stage == "delivery-done" and f["ok"] == "true":
        done.setdefault(f["delivery"], int(f["at"]))

STAGES = ["sample", "journaled", "sent", "received", "stored", "recorded", "delivery started", "webhook", "2xx seen"]
rows = []
seen = {"raised": 0, "cleared": 0}
for line in (work / "hook/events.jsonl").read_text().splitlines():
    e = json.loads(line)
    if e.get("signature") != "valid" or e.get("duplicate"):
        continue
    ev = e["body"]["event"]
    kind = ev["kind"]
    if kind not in seen:
        continue
    seen[kind] += 1
    if seen[kind] <= skip:
        continue
    key = (ev["alertId"], kind)
    delivery = str(e["body"]["deliveryId"])
    received_stored = stored.get(key)
    t = [
        iso_ms(ev["time"]),
        journaled.get(key),
        sent.get(identity_of.get(key)),
        received_stored[0] if received_stored else None,
        received_stored[1] if received_stored else None,
        recorded.get(key),
        started.get(delivery),
        e["receivedMs"],
        done.get(delivery),
    ]
    rows.append(t)


def pct(values, p):
    values = sorted(values)
    return values[(len(values) - 1) * p // 100]


print(f"stages of {len(rows)} alert steps (raised and cleared, first {skip} of each kind skipped), ms:")
print(f"  {'stage':<34} {'n':>4} {'p50':>6} {'p99':>6} {'max':>6}")
for i in range(1, len(STAGES)):
    d = [r[i] - r[i - 1] for r in rows if r[i] is not None and r[i - 1] is not None]
    if d:
        print(f"  {STAGES[i - 1] + ' -> ' + STAGES[i]:<34} {len(d):>4} {pct(d, 50):>6} {pct(d, 99):>6} {max(d):>6}")
    else:
        print(f"  {STAGES[i - 1] + ' -> ' + STAGES[i]:<34}    0  (no times logged)")
total = [r[7] - r[0] for r in rows]
if total:
    print(f"  {'sample -> webhook (total)':<34} {len(total):>4} {pct(total, 50):>6} {pct(total, 99):>6} {max(total):>6}")
