#!/usr/bin/env python3
"""Scores fsdlog's events against the generator's ground truth.

Usage: evaluate.py EVAL_DIR DATABASE LABEL [--only-csv]
Reads EVAL_DIR/ground-truth/*.json and the database's drives and events (sqlite3 module), matches
detected to true events per drive (same kind, onsets within 1 s, closest first), and prints recall,
precision, median onset error, initiator accuracy and FSD-distance error, per kind and overall.
"""
import datetime
import glob
import json
import sqlite3
import statistics
import sys

MATCH_WINDOW_S = 1.0


def parse_utc(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def main(eval_dir, database, label, only_csv=False):
    db = sqlite3.connect(database)
    drives = {row[0]: row[1:] for row in db.execute(
        "SELECT id, start_utc, fsd_distance_m FROM drives WHERE start_utc IS NOT NULL")}
    drive_by_start = {parse_utc(start): (drive_id, fsd) for drive_id, (start, fsd) in drives.items()}
    per_kind = {}
    onset_errors, initiator_right, matched_total = [], 0, 0
    distance_errors = []
    false_events_distractor, distractor_hours = 0, 0.0
    scored = 0
    for path in sorted(glob.glob(f"{eval_dir}/ground-truth/*.json")):
        manifest = json.load(open(path))
        truth = manifest["truth"]
        if only_csv and not manifest.get("csv"):
            continue
        start = parse_utc(truth["start_utc"])
        drive = min(drive_by_start, key=lambda s: abs(s - start), default=None)
        if drive is None or abs(drive - start) > 2:
            print(f"  {truth['scenario']}: no drive found in the database", file=sys.stderr)
            continue
        drive_id, fsd_distance = drive_by_start[drive]
        scored += 1
        detected = [dict(zip(["kind", "onset", "initiator"], row)) for row in db.execute(
            "SELECT kind, onset_utc, initiator FROM events WHERE drive_id = ? AND superseded_at IS NULL", (drive_id,))]
        for event in detected:
            event["onset_s"] = parse_utc(event["onset"]) - start
        true_events = truth["events"]
        used = set()
        for true_event in true_events:
            stats = per_kind.setdefault(true_event["kind"], {"truth": 0, "detected": 0, "matched": 0})
            stats["truth"] += 1
            candidates = [(abs(d["onset_s"] - true_event["onset_s"]), i) for i, d in enumerate(detected)
                          if i not in used and d["kind"] == true_event["kind"]
                          and abs(d["onset_s"] - true_event["onset_s"]) <= MATCH_WINDOW_S]
            if not candidates:
                continue
            error, index = min(candidates)
            used.add(index)
            stats["matched"] += 1
            matched_total += 1
            onset_errors.append(error)
            initiator_right += detected[index]["initiator"] == true_event["initiator"]
        for event in detected:
            per_kind.setdefault(event["kind"], {"truth": 0, "detected": 0, "matched": 0})["detected"] += 1
        if not true_events:
            false_events_distractor += len(detected)
            distractor_hours += truth["duration_s"] / 3600
        true_fsd = truth["usage"]["fsd_distance_m"]
        if true_fsd > 0 and fsd_distance is not None:
            distance_errors.append(abs(fsd_distance - true_fsd) / true_fsd)

    print(f"\n{label}: {scored} drives scored")
    print(f"  {'kind':<14}{'truth':>7}{'found':>7}{'matched':>9}{'recall':>9}{'precision':>11}")
    totals = {"truth": 0, "detected": 0, "matched": 0}
    for kind, stats in sorted(per_kind.items()):
        for key in totals:
            totals[key] += stats[key]
        print_row(kind, stats)
    print_row("all", totals)
    if onset_errors:
        print(f"  median onset error {statistics.median(onset_errors):.3f} s (p95 "
              f"{sorted(onset_errors)[int(0.95 * (len(onset_errors) - 1))]:.3f} s); "
              f"kind right {matched_total}/{matched_total} (matching requires it); "
              f"initiator right {initiator_right}/{matched_total} ({100 * initiator_right / matched_total:.1f} %)")
    if distance_errors:
        print(f"  FSD distance error: median {100 * statistics.median(distance_errors):.2f} %, "
              f"worst {100 * max(distance_errors):.2f} %")
    if distractor_hours:
        print(f"  distractor-only drives: {false_events_distractor} events in {distractor_hours * 60:.1f} min "
              f"({false_events_distractor / distractor_hours:.1f} per hour)")


def print_row(kind, stats):
    recall = stats["matched"] / stats["truth"] if stats["truth"] else float("nan")
    precision = stats["matched"] / stats["detected"] if stats["detected"] else float("nan")
    print(f"  {kind:<14}{stats['truth']:>7}{stats['detected']:>7}{stats['matched']:>9}{recall:>9.3f}{precision:>11.3f}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(*arguments, only_csv="--only-csv" in sys.argv)
