"""Summarizes a schemathesis NDJSON report: requests sent, statuses, phases, failures.

Usage: python summarize.py REPORT.ndjson  (prints one JSON object)
"""

import collections
import json
import sys


def statuses_key(response):
    return str(response["status_code"]) if response else "none"


def main(path):
    requests = 0
    statuses = collections.Counter()
    phases = collections.Counter()
    operations = collections.defaultdict(collections.Counter)
    failures = collections.Counter()
    examples = {}
    with open(path, encoding="utf-8") as report:
        for line in report:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished["recorder"]
            for interaction in recorder.get("interactions", {}).values():
                requests += 1
                phases[finished["phase"]] += 1
                response = interaction.get("response")
                statuses[statuses_key(response)] += 1
                operations[recorder["label"]][statuses_key(response)] += 1
            for checks in recorder.get("checks", {}).values():
                for check in checks:
                    if check.get("status") != "failure":
                        continue
                    key = f'{check["name"]} {recorder["label"]}'
                    failures[key] += 1
                    examples.setdefault(key, (check.get("failure_info") or {}).get("failure", {}))
    print(
        json.dumps(
            {
                "requests": requests,
                "statuses": dict(sorted(statuses.items())),
                "phases": dict(phases),
                "operations": {label: dict(counts) for label, counts in sorted(operations.items())},
                "failures": dict(failures),
                "failureExamples": {k: str(v)[:500] for k, v in examples.items()},
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
