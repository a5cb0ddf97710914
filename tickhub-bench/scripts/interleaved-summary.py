#!/usr/bin/env python3
"""Median and range of an interleaved sitting's runs, per server and rate, as a Markdown table.

Usage: interleaved-summary.py RESULTS.jsonl SITTING_LABEL
Reads the shared harness's results file and keeps the runs whose label starts with the sitting's
("SITTING nats R", "SITTING tickhub R run 1" cold, "... run 2" warm). A run that failed
(saturated, dropped connections, gaps) counts in the verdict column and in every figure it has.
"""
import json
import statistics
import sys
from collections import defaultdict


def kind_of(label, sitting):
    parts = label[len(sitting):].split()
    server, rate = parts[0], int(parts[1])
    if server == "tickhub":
        server = "Tickhub cold" if parts[-1] == "1" else "Tickhub warm"
    else:
        server = "NATS"
    return rate, server


def spread(values, fmt):
    if not values:
        return "—"
    med = statistics.median(values)
    if len(values) == 1:
        return fmt.format(med)
    return (fmt + " ({}–{})").format(med, fmt.format(min(values)), fmt.format(max(values)))


def main(path, sitting):
    runs = defaultdict(list)
    with open(path) as f:
        for line in f:
            run = json.loads(line)
            if run.get("label", "").startswith(sitting + " "):
                runs[kind_of(run["label"], sitting)].append(run)
    print(f"Sitting `{sitting}`: median (range) over the runs of each row.\n")
    print("| R updates/s | server | runs | server µs / msg | p99 ms | p50 ms | connect 1000 s | ok |")
    print("|---|---|---|---|---|---|---|---|")
    order = {"NATS": 0, "Tickhub cold": 1, "Tickhub warm": 2}
    for rate, server in sorted(runs, key=lambda k: (k[0], order[k[1]])):
        rs = runs[(rate, server)]
        cpu = [r["cpuUsPerMsg"]["server"] for r in rs if r.get("cpuUsPerMsg", {}).get("server") is not None]
        # A run that delivered nothing has no latency (null in the results): it counts in "ok" only.
        p99 = [r["latMs"]["p99"] for r in rs if (r.get("latMs") or {}).get("p99") is not None]
        p50 = [r["latMs"]["p50"] for r in rs if (r.get("latMs") or {}).get("p50") is not None]
        connect = [r["connectMs"] / 1000 for r in rs if r.get("connectMs") is not None]
        ok = sum(1 for r in rs if r.get("verdict") == "ok")
        print(f"| {rate:,} | {server} | {len(rs)} | {spread(cpu, '{:.2f}')} | {spread(p99, '{:.1f}')} | "
              f"{spread(p50, '{:.2f}')} | {spread(connect, '{:.2f}')} | {ok} of {len(rs)} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
