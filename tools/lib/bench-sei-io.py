#!/usr/bin/env python3
"""Bytes read and cold-cache wall time of `fsdlog ingest --mode auto`, sample-head SEI reader
against the demux reader (and, for the sets marked so, full-decode ingest).

  bench-sei-io.py FSDLOG OUTDIR RUNS LABEL=PATH[:full][:evidence][:jobs=N] ...

`full` adds full-decode ingest; `evidence` adds the sample-head run with the evidence library on
(ingest's default: it stream-copies each event's footage, reading those seconds of the clip);
`jobs=N` runs N clips at once (default 1). The telemetry-first runs themselves pass --no-evidence:
what they measure is the reading of the telemetry, the same for every clip, not the footage of
the events a clip happens to hold.

Before every run each clip of the set is dropped from the page cache with
posix_fadvise(POSIX_FADV_DONTNEED), so the run reads it from the disk as from a freshly plugged
stick. Bytes come from /proc/self/io, which adds a reaped child's counts to its parent's:
`rchar` is what fsdlog asked read() and pread() for, `read_bytes` what the kernel fetched from the
device (whole pages, plus any read-ahead; direct reads count too). Both include the work the
readers share: the clip fingerprint (64 KiB at each end), FFmpeg reading the moov, the other
cameras' headers. Two times: the process's wall time (what one `fsdlog ingest` of the set takes,
start-up and database creation included: about 0.1 s of it on the test machine), and fsdlog's
own `wall_s` (--json: from the first clip found to the summary), which is what a clip adds to a
long run. The best (fastest) of RUNS runs counts; bytes are those of that run.
"""
import json
import os
import subprocess
import sys
import time


def io_counts():
    counts = {}
    with open("/proc/self/io") as f:
        for line in f:
            key, value = line.split(":")
            counts[key] = int(value)
    return counts


def clips_in(path):
    if os.path.isfile(path):
        return [path]
    found = []
    for root, _, files in os.walk(path):
        found += [os.path.join(root, name) for name in files if name.endswith(".mp4")]
    return sorted(found)


def drop_from_cache(paths):
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)  # dirty pages (a clip just copied) are not dropped
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def run(fsdlog, outdir, path, clips, arguments, jobs):
    database = os.path.join(outdir, "sei-io.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    drop_from_cache(clips)
    before = io_counts()
    start = time.monotonic()
    done = subprocess.run([fsdlog, "ingest", path, "--db", database, "--jobs", str(jobs), "--json"] + arguments,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seconds = time.monotonic() - start
    after = io_counts()
    own = json.loads(done.stdout)["wall_s"]
    return seconds, own, after["rchar"] - before["rchar"], after["read_bytes"] - before["read_bytes"]


def best(fsdlog, outdir, path, clips, arguments, runs, jobs):
    results = [run(fsdlog, outdir, path, clips, arguments, jobs) for _ in range(runs)]
    return min(results, key=lambda result: result[0])


def mb(count):
    return count / 1e6


def main():
    fsdlog, outdir, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print(f"{'clips (cold page cache)':<34} {'reader':<20} {'MB/clip':>8} {'rchar/clip':>11} "
          f"{'disk/clip':>10} {'disk %':>7} {'process s':>10} {'fsdlog s':>9}")
    summary = []
    for spec in sys.argv[4:]:
        label, _, rest = spec.partition("=")
        path, *flags = rest.split(":")
        jobs = next((int(flag[5:]) for flag in flags if flag.startswith("jobs=")), 1)
        clips = clips_in(path)
        size = sum(os.path.getsize(clip) for clip in clips)
        count = max(1, len(clips))
        readers = [("demux", ["--mode", "auto", "--sei-reader", "demux", "--no-evidence"], runs),
                   ("sample-heads", ["--mode", "auto", "--sei-reader", "sample-heads", "--no-evidence"], runs)]
        if "evidence" in flags:
            readers.append(("sample-heads+evidence", ["--mode", "auto", "--sei-reader", "sample-heads"], runs))
        if "full" in flags:
            readers.append(("full decode", ["--mode", "full", "--decoder-threads", "1", "--no-evidence"], 1))
        figures = {}
        for name, arguments, repeats in readers:
            seconds, own, rchar, disk = best(fsdlog, outdir, path, clips, arguments, repeats, jobs)
            figures[name] = (seconds, own, rchar, disk)
            print(f"{label:<34} {name:<20} {mb(size / count):8.2f} {mb(rchar / count):9.3f}MB "
                  f"{mb(disk / count):8.3f}MB {100 * disk / size:6.1f}% {seconds:10.3f} {own:9.3f}")
        summary.append((label, size, count, figures))
    print()
    for label, size, count, figures in summary:
        demux, heads = figures["demux"], figures["sample-heads"]
        line = (f"{label}: sample heads read {100 * heads[3] / size:.1f} % of the bytes from disk "
                f"({100 * heads[2] / size:.1f} % asked for); demux ÷ sample heads: wall {demux[0] / heads[0]:.1f}x "
                f"(fsdlog's own {demux[1] / heads[1]:.1f}x), disk bytes {demux[3] / max(1, heads[3]):.1f}x")
        if "full decode" in figures:
            full = figures["full decode"]
            line += (f"; full decode ÷ sample heads: {full[0] / heads[0]:.0f}x the process's wall time, "
                     f"{full[1] / heads[1]:.0f}x fsdlog's own")
        print(line)
        if "sample-heads+evidence" in figures:
            kept = figures["sample-heads+evidence"]
            print(f"  with the evidence library on (ingest's default), this set's events' footage adds "
                  f"{mb((kept[3] - heads[3]) / count):.1f} MB/clip from disk and {kept[0] - heads[0]:.2f} s")
        if count == 1 and "full decode" in figures:
            # A month of driving: 2,400 one-minute front clips, at what this clip adds to a run
            # (fsdlog's own time: one start-up for the month), and at a stick's 30 MB/s if only the
            # bytes counted (a floor: a stick also waits on each of a clip's ~2,200 reads).
            full = figures["full decode"]
            print(f"  a month (2,400 such front clips): sample heads {2400 * heads[1] / 60:.1f} min here, "
                  f"demux {2400 * demux[1] / 60:.1f} min, full decode {2400 * full[1] / 3600:.1f} h; "
                  f"at 30 MB/s the bytes alone take {2400 * heads[3] / 30e6 / 60:.1f} min (sample heads) "
                  f"vs {2400 * demux[3] / 30e6 / 60:.1f} min (demux); "
                  f"{2400 * heads[3] / 1e9:.1f} GB read instead of {2400 * demux[3] / 1e9:.0f} GB")


if __name__ == "__main__":
    main()
