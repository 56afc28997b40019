#!/usr/bin/env python3
"""Scores fsdlog's events against the generator's ground truth.

Usage: evaluate.py EVAL_DIR DATABASE LABEL [--only-csv] [--vision]
Reads EVAL_DIR/ground-truth/*.json and the database's drives and events (sqlite3 module), matches
detected to true events per drive (same kind, onsets within 1 s, closest first), and prints recall,
precision, median onset error, initiator accuracy and FSD-distance error, per kind and overall, and
the false events per distractor type.
--vision scores what the front camera alone can see (brake and swerve; no initiator, no distance)
and checks issue 5's targets: recall and precision >= 0.90 per kind, median onset error <= 0.5 s,
<= 0.5 false events per hour on distractor-only drives.
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


VISION_KINDS = ("brake", "swerve")
# A false event whose onset lies this close to a distractor interval is blamed on it.
DISTRACTOR_MARGIN_S = 2.0


def main(eval_dir, database, label, only_csv=False, vision=False):
    db = sqlite3.connect(database)
    drives = {row[0]: row[1:] for row in db.execute(
        "SELECT id, start_utc, fsd_distance_m FROM drives WHERE start_utc IS NOT NULL")}
    drive_by_start = {parse_utc(start): (drive_id, fsd) for drive_id, (start, fsd) in drives.items()}
    per_kind = {}
    onset_errors, initiator_right, matched_total = [], 0, 0
    distance_errors = []
    false_events_distractor, distractor_hours = 0, 0.0
    scored = 0
    # Per distractor type: intervals seen, false events blamed on it (all drives), and the same on
    # distractor-only drives with their hours.
    by_distractor = {}
    onset_by_kind = {}
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
        if vision:
            detected = [d for d in detected if d["kind"] in VISION_KINDS]
            true_events = [e for e in true_events if e["kind"] in VISION_KINDS]
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
            onset_by_kind.setdefault(true_event["kind"], []).append(error)
            initiator_right += detected[index]["initiator"] == true_event["initiator"]
        for event in detected:
            per_kind.setdefault(event["kind"], {"truth": 0, "detected": 0, "matched": 0})["detected"] += 1
        only_distractors = not truth["events"]
        if only_distractors:
            false_events_distractor += len(detected)
            distractor_hours += truth["duration_s"] / 3600
        kinds_here = set()
        for interval in truth.get("distractors", []):
            stats = by_distractor.setdefault(interval["kind"], {"intervals": 0, "false": 0, "false_only": 0, "hours_only": 0.0})
            stats["intervals"] += 1
            kinds_here.add(interval["kind"])
        if only_distractors:
            for kind in kinds_here:
                by_distractor[kind]["hours_only"] += truth["duration_s"] / 3600
        for index, event in enumerate(detected):
            if index in used:
                continue
            blamed = [i["kind"] for i in truth.get("distractors", [])
                      if i["start_s"] - DISTRACTOR_MARGIN_S <= event["onset_s"] <= i["end_s"] + DISTRACTOR_MARGIN_S]
            for kind in set(blamed) or {"(none)"}:
                stats = by_distractor.setdefault(kind, {"intervals": 0, "false": 0, "false_only": 0, "hours_only": 0.0})
                stats["false"] += 1
                stats["false_only"] += only_distractors
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
    if vision:
        for kind in VISION_KINDS:
            errors = onset_by_kind.get(kind, [])
            if errors:
                print(f"  {kind}: median onset error {statistics.median(errors):.3f} s, worst {max(errors):.3f} s")
    if onset_errors and not vision:
        print(f"  median onset error {statistics.median(onset_errors):.3f} s (p95 "
              f"{sorted(onset_errors)[int(0.95 * (len(onset_errors) - 1))]:.3f} s); "
              f"kind right {matched_total}/{matched_total} (matching requires it); "
              f"initiator right {initiator_right}/{matched_total} ({100 * initiator_right / matched_total:.1f} %)")
    if distance_errors and not vision:
        print(f"  FSD distance error: median {100 * statistics.median(distance_errors):.2f} %, "
              f"worst {100 * max(distance_errors):.2f} %")
    if distractor_hours:
        print(f"  distractor-only drives: {false_events_distractor} events in {distractor_hours * 60:.1f} min "
              f"({false_events_distractor / distractor_hours:.1f} per hour)")
    if by_distractor:
        print(f"  {'distractor':<18}{'intervals':>10}{'false events':>14}{'on distractor-only drives':>27}")
        for kind, stats in sorted(by_distractor.items()):
            rate = (f"{stats['false_only']} in {stats['hours_only'] * 60:.1f} min ({stats['false_only'] / stats['hours_only']:.1f}/h)"
                    if stats["hours_only"] else "-")
            print(f"  {kind:<18}{stats['intervals']:>10}{stats['false']:>14}{rate:>27}")
    if vision:
        checks = []
        for kind in VISION_KINDS:
            stats = per_kind.get(kind, {"truth": 0, "detected": 0, "matched": 0})
            recall = stats["matched"] / stats["truth"] if stats["truth"] else 0
            precision = stats["matched"] / stats["detected"] if stats["detected"] else 0
            checks.append((f"{kind} recall {recall:.3f} >= 0.90", recall >= 0.9))
            checks.append((f"{kind} precision {precision:.3f} >= 0.90", precision >= 0.9))
        median = statistics.median(onset_errors) if onset_errors else float("inf")
        checks.append((f"median onset error {median:.3f} s <= 0.5 s", median <= 0.5))
        rate = false_events_distractor / distractor_hours if distractor_hours else 0
        checks.append((f"{rate:.2f} false events per hour on distractor-only drives <= 0.5", rate <= 0.5))
        print("  targets: " + "; ".join(f"{text} {'ok' if good else 'MISSED'}" for text, good in checks))


def print_row(kind, stats):
    recall = stats["matched"] / stats["truth"] if stats["truth"] else float("nan")
    precision = stats["matched"] / stats["detected"] if stats["detected"] else float("nan")
    print(f"  {kind:<14}{stats['truth']:>7}{stats['detected']:>7}{stats['matched']:>9}{recall:>9.3f}{precision:>11.3f}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(*arguments, only_csv="--only-csv" in sys.argv, vision="--vision" in sys.argv)
