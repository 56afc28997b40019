#!/usr/bin/env python3
"""Scores vision-only detection on real footage: one database per clip, ingested --mode vision.

Usage: evaluate_real.py [--brief] [--time-scale S] [--time-shift S] DB_DIR [GROUND_TRUTH_JSON]
  DB_DIR holds <clip-name>.sqlite for every clip. Without GROUND_TRUTH_JSON the clips are the
  shared real ones: ../shared/realvideo (no brake, no swerve in any: every event is false) and
  ../shared/realbrake (one real brake each, onsets from its README, good to about ±0.3 s), or
  tools/make-real-variants' re-shoots of them: a brake's onset in a re-shoot is its README onset
  times --time-scale (0.8 for a clip played 1.25 x as fast) plus --time-shift (-1 for a clip
  whose first second is cut off).
  With it (tools/make-real-events' ground-truth.json), each made clip has one known event or none.
Prints every event with its time in the clip, then false events per hour of video, recall and the
onset errors; with --brief only the clips with a false event or a miss are listed. An event matches
a true one of its kind when its onset lies within MATCH_WINDOW_S.
"""
import argparse
import datetime
import glob
import json
import os
import sqlite3
import statistics
import sys

MATCH_WINDOW_S = 1.0
ONSET_TARGET_S = 0.5

# ../shared/realbrake/README.md: "brake onset" column (seconds into the clip).
REAL_BRAKE_ONSETS = {"dada_5_049": 4.15, "dada_1_003": 2.0, "dada_6_008": 3.8, "dada_8_006": 2.1, "dada_6_059": 1.7}


def utc(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def events_in(database):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    rows = db.execute("SELECT kind, onset_utc, peak_utc, offset_s, rule FROM events "
                      "WHERE superseded_at IS NULL AND kind IN ('brake', 'swerve') ORDER BY onset_utc").fetchall()
    duration = db.execute("SELECT COALESCE(SUM(duration_s), 0) FROM clips").fetchone()[0] or 0
    found = []
    for kind, onset, peak, offset, rule in rows:
        # offset_s is the peak's time in its clip; the onset lies (peak − onset) before it.
        onset_s = (offset or 0) - (utc(peak) - utc(onset))
        found.append({"kind": kind, "onset_s": onset_s, "rule": rule or ""})
    return found, duration


def main(db_dir, truth_path=None, brief=False, time_scale=1.0, time_shift_s=0.0):
    if truth_path:
        truth = {os.path.splitext(os.path.basename(t["clip"]))[0]: t for t in json.load(open(truth_path))}
    else:
        truth = {name: {"kind": "brake", "onset_s": onset * time_scale + time_shift_s}
                 for name, onset in REAL_BRAKE_ONSETS.items()}
    false_events, seconds, errors = 0, 0.0, {}
    found_count, true_count = {}, {}
    for database in sorted(glob.glob(f"{db_dir}/*.sqlite")):
        name = os.path.splitext(os.path.basename(database))[0]
        found, duration = events_in(database)
        seconds += duration
        expected = truth.get(name)
        if expected and expected.get("kind"):
            true_count[expected["kind"]] = true_count.get(expected["kind"], 0) + 1
        matched = None
        lines = []
        for event in found:
            good = (expected and event["kind"] == expected.get("kind") and matched is None
                    and abs(event["onset_s"] - expected["onset_s"]) <= MATCH_WINDOW_S)
            if good:
                matched = event
                error = event["onset_s"] - expected["onset_s"]
                errors.setdefault(event["kind"], []).append(abs(error))
                found_count[event["kind"]] = found_count.get(event["kind"], 0) + 1
                lines.append(f"    {event['kind']:6} at {event['onset_s']:5.2f} s  right (onset error {error:+.2f} s)  {event['rule']}")
            else:
                false_events += 1
                lines.append(f"    {event['kind']:6} at {event['onset_s']:5.2f} s  FALSE  {event['rule']}")
        want = f"{expected['kind']} at {expected['onset_s']:.2f} s" if expected and expected.get("kind") else "nothing"
        status = "" if (matched or not (expected and expected.get("kind"))) else "  MISSED"
        # Every event but the matched one is false.
        if brief and not status and len(found) == (1 if matched else 0):
            continue
        print(f"  {name:32} {duration:5.1f} s  expected {want}{status}")
        for line in lines:
            print(line)
    hours = seconds / 3600
    print(f"  false brake/swerve events: {false_events} in {seconds / 60:.1f} min of video"
          f" ({false_events / hours if hours else 0:.0f} per hour)")
    for kind in sorted(true_count):
        hits = found_count.get(kind, 0)
        within = sum(1 for e in errors.get(kind, []) if e <= ONSET_TARGET_S)
        median = statistics.median(errors[kind]) if errors.get(kind) else float("nan")
        print(f"  {kind}: recall {hits}/{true_count[kind]} ({hits / true_count[kind]:.2f}),"
              f" onset error median {median:.2f} s, within {ONSET_TARGET_S} s: {within}/{true_count[kind]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--brief", action="store_true", help="list only the clips with a false event or a miss")
    parser.add_argument("--time-scale", type=float, default=1.0, help="realbrake onsets times this (default 1)")
    parser.add_argument("--time-shift", type=float, default=0.0, help="plus this, in seconds (default 0)")
    parser.add_argument("db_dir")
    parser.add_argument("ground_truth", nargs="?")
    options = parser.parse_args()
    main(options.db_dir, options.ground_truth, brief=options.brief, time_scale=options.time_scale,
         time_shift_s=options.time_shift)
