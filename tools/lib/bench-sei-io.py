#!/usr/bin/env python3
"""Bytes read and cold-cache wall time of `fsdlog ingest --mode auto`, sample-head SEI reader
against the demux reader (and, for the sets marked so, full-decode ingest).

  bench-sei-io.py FSDLOG OUTDIR RUNS LABEL=PATH[:full][:jobs=N] ...

`full` adds full-decode ingest; `jobs=N` runs N clips at once (default 1).

Before every run each clip of the set is dropped from the page cache with
posix_fadvise(POSIX_FADV_DONTNEED), so the run reads it from the disk as from a freshly plugged
stick. Bytes come from /proc/self/io, which adds a reaped child's counts to its parent's:
`rchar` is what fsdlog asked read() and pread() for, `read_bytes` what the kernel fetched from the
device (whole pages, plus any read-ahead). Both include the work the two readers share: the
clip fingerprint (64 KiB at each end), FFmpeg reading the moov, the other cameras' headers.
The best (fastest) of RUNS runs counts; bytes are those of that run.
"""
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
    subprocess.run([fsdlog, "ingest", path, "--db", database, "--jobs", str(jobs)] + arguments,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    after = io_counts()
    return seconds, after["rchar"] - before["rchar"], after["read_bytes"] - before["read_bytes"]


def best(fsdlog, outdir, path, clips, arguments, runs, jobs):
    results = [run(fsdlog, outdir, path, clips, arguments, jobs) for _ in range(runs)]
    return min(results, key=lambda result: result[0])


def mb(count):
    return count / 1e6


def main():
    fsdlog, outdir, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print(f"{'clips (cold page cache)':<34} {'reader':<13} {'MB/clip':>8} {'rchar/clip':>11} "
          f"{'disk/clip':>10} {'disk %':>7} {'set wall s':>11}")
    summary = []
    for spec in sys.argv[4:]:
        label, _, rest = spec.partition("=")
        path, *flags = rest.split(":")
        jobs = next((int(flag[5:]) for flag in flags if flag.startswith("jobs=")), 1)
        clips = clips_in(path)
        size = sum(os.path.getsize(clip) for clip in clips)
        count = max(1, len(clips))
        readers = [("demux", ["--mode", "auto", "--sei-reader", "demux"]),
                   ("sample-heads", ["--mode", "auto", "--sei-reader", "sample-heads"])]
        if "full" in flags:
            readers.append(("full decode", ["--mode", "full", "--decoder-threads", "1"]))
        figures = {}
        for name, arguments in readers:
            seconds, rchar, disk = best(fsdlog, outdir, path, clips, arguments, 1 if name == "full decode" else runs, jobs)
            figures[name] = (seconds, rchar, disk)
            print(f"{label:<34} {name:<13} {mb(size / count):8.2f} {mb(rchar / count):9.3f}MB "
                  f"{mb(disk / count):8.3f}MB {100 * disk / size:6.1f}% {seconds:11.3f}")
        summary.append((label, size, count, figures))
    print()
    for label, size, count, figures in summary:
        demux, heads = figures["demux"], figures["sample-heads"]
        line = (f"{label}: sample heads read {100 * heads[2] / size:.1f} % of the bytes from disk "
                f"({100 * heads[1] / size:.1f} % asked for); demux ÷ sample heads: wall {demux[0] / heads[0]:.1f}x, "
                f"disk bytes {demux[2] / max(1, heads[2]):.1f}x, rchar {demux[1] / max(1, heads[1]):.1f}x")
        if "full decode" in figures:
            line += f"; full decode ÷ sample heads: wall {figures['full decode'][0] / heads[0]:.0f}x"
        print(line)
        if count == 1 and "full decode" in figures:
            # A month of driving: 2,400 one-minute front clips, at this clip's cold-cache time, and
            # at a stick's 30 MB/s if only the bytes counted (a floor: flash adds per-read latency).
            print(f"  a month (2,400 such front clips): sample heads {2400 * heads[0] / 60:.1f} min here, "
                  f"demux {2400 * demux[0] / 60:.1f} min, full decode {2400 * figures['full decode'][0] / 3600:.1f} h; "
                  f"at 30 MB/s the bytes alone take {2400 * heads[2] / 30e6 / 60:.1f} min (sample heads) "
                  f"vs {2400 * demux[2] / 30e6 / 60:.1f} min (demux)")


if __name__ == "__main__":
    main()
