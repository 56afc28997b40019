#!/usr/bin/env python3
"""Writes the evaluation scenarios (JSON) for tools/make-eval: seeded, varied, all valid.

Event drives: 75 s at 1280x960, four event slots (12, 28, 44, 60 s) each filled with one of the
event templates below, with distractors between the slots. Distractor-only drives: the things
that must NOT be events (shadows, tunnels, clouds, bumps, road patches, a stop at a light).
Every other event drive carries its companion CSV (canonical, with clock offset and noise) so the
telemetry path can be evaluated from CSV alone; IMU axis conventions and noise vary.
"""
import json
import random
import sys

AXES = [("+x", "+y"), ("-x", "-y"), ("+y", "-x"), ("-y", "+x")]


def brake(rng, at):
    justified = rng.random() < 0.5
    event = {"kind": "fsd_brake", "at_s": at, "peak_g": round(rng.uniform(0.24, 0.6), 2),
             "duration_s": round(rng.uniform(1.4, 2.2), 1), "verdict": "justified" if justified else "phantom"}
    if justified:
        event["obstacle"] = {"kind": "lead_vehicle", "gap_m": rng.choice([18, 22, 26])}
    return [event]


def brake_with_override(rng, at):
    event = brake(rng, at)[0]
    event["verdict"] = "phantom"
    event.pop("obstacle", None)
    return [event, {"kind": "accelerator_override", "at_s": round(at + 1.0, 2), "pedal": 0.4, "duration_s": 1.5}]


def swerve(rng, at):
    offset = round(rng.uniform(1.0, 1.4), 2) * rng.choice([-1, 1])
    justified = rng.random() < 0.6
    event = {"kind": "swerve", "at_s": at, "lateral_offset_m": offset, "duration_s": 2.4,
             "verdict": "justified" if justified else "phantom"}
    if justified:
        event["obstacle"] = {"kind": "cut_in", "side": "left" if offset < 0 else "right", "gap_m": 14}
    return [event]


def takeover(rng, at):
    return [{"kind": "driver_brake_takeover", "at_s": at, "decel_g": round(rng.uniform(0.25, 0.4), 2),
             "duration_s": 1.5, "reengage_after_s": 8}]


def disengagement(rng, at):
    return [{"kind": "disengagement", "at_s": at, "by": rng.choice(["steering", "accelerator", "brake_pedal"]),
             "reengage_after_s": 8}]


def stop(rng, at):
    return [{"kind": "stop", "at_s": at, "decel_g": round(rng.uniform(0.25, 0.35), 2), "stand_s": 3}]


EVENT_TEMPLATES = [brake, brake, brake_with_override, swerve, takeover, disengagement]
DISTRACTORS = [
    lambda rng, at: {"kind": "shadow_band", "at_s": at, "count": 1, "length_m": 9, "darkness": 0.55, "style": "overpass"},
    lambda rng, at: {"kind": "shadow_band", "at_s": at, "count": 4, "length_m": 6, "spacing_m": 13, "style": "trees"},
    lambda rng, at: {"kind": "tunnel", "at_s": at, "duration_s": 4, "brightness": 0.4, "transition_s": 0.35},
    lambda rng, at: {"kind": "cloud", "at_s": at, "duration_s": 5},
    lambda rng, at: {"kind": "bump", "at_s": at, "pitch_deg": 0.9},
    lambda rng, at: {"kind": "road_patch", "at_s": at, "count": 3},
]


def base(name, seed, day, rng):
    longitudinal, lateral = rng.choice(AXES)
    return {
        "name": name, "seed": seed, "start_local": f"2026-10-{day:02d}T{rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}:00",
        "time_zone": "America/Los_Angeles", "duration_s": 75, "hardware": "hw3", "cameras": ["front"],
        "initial_speed_kmh": rng.choice([80, 95, 105, 115]), "road": {"lanes": 3, "ego_lane": 2,
        "scenery": rng.choice(["suburban", "rural"])}, "imu_axes": {"longitudinal": longitudinal, "lateral": lateral},
        "imu_noise_mps2": round(rng.uniform(0.05, 0.3), 2),
        "output": {"layout": "recent", "clip_s": 60, "x264_preset": "ultrafast", "x264_crf": 30},
    }


def main(folder, event_drives=16, distractor_drives=6, seed_offset=0):
    """seed_offset > 0 makes a different set of the same design: a holdout for thresholds tuned
    on the default set (EVAL_SEED=N tools/make-eval)."""
    names = []
    for index in range(event_drives):
        rng = random.Random(1000 + index + seed_offset)
        scenario = base(f"eval-events-{index:02d}", 1000 + index + seed_offset, index % 28 + 1, rng)
        last = 0
        events = []
        for slot in (12, 28, 44, 60):
            template = EVENT_TEMPLATES[(index + slot) % len(EVENT_TEMPLATES)] if rng.random() < 0.7 else rng.choice(EVENT_TEMPLATES)
            # The stop template is the last slot only (it takes long).
            if slot == 60 and rng.random() < 0.3:
                template = stop
            events += template(rng, slot + round(rng.uniform(0, 2), 1))
        scenario["events"] = events
        scenario["distractors"] = [rng.choice(DISTRACTORS)(rng, at) for at in (4, 21, 37)]
        if index % 2 == 0:
            scenario["output"].update({"csv": ["canonical"], "csv_clock_offset_s": round(rng.uniform(-2, 2), 1),
                                       "csv_noise": 0.05})
        names.append(write(folder, scenario))
    for index in range(distractor_drives):
        rng = random.Random(2000 + index + seed_offset)
        scenario = base(f"eval-distractors-{index:02d}", 2000 + index + seed_offset, (19 + index) % 28 + 1, rng)
        scenario["events"] = []
        distractors = [rng.choice(DISTRACTORS)(rng, at) for at in (5, 15, 40, 52, 62)]
        distractors.insert(2, {"kind": "stopped_at_light", "at_s": 24, "stand_s": 6})
        scenario["distractors"] = distractors
        names.append(write(folder, scenario))
    print(f"{len(names)} scenarios in {folder}", file=sys.stderr)


def write(folder, scenario):
    path = f"{folder}/{scenario['name']}.json"
    with open(path, "w") as handle:
        json.dump(scenario, handle, indent=1)
    return path


if __name__ == "__main__":
    import os
    main(sys.argv[1], distractor_drives=int(os.environ.get("EVAL_DISTRACTOR_DRIVES", "6")),
         seed_offset=int(os.environ.get("EVAL_SEED", "0")) * 100000)
