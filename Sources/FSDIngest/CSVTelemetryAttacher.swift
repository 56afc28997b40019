import FSDStore
import FSDTelemetry
import Foundation

/// Attaches telemetry CSVs to the front clips they cover, so their drives get events and FSD
/// distance even without SEI (older firmware) or with SEI ignored.
///
/// Absolute CSVs (canonical, Tessie) are placed by UTC against each clip's MP4 creation time;
/// relative ones (Track Mode, Tesla's SEI export) by the car-local start in their file name
/// against the clips' file-name times. `offsetS` is added to the CSV's times first (a logger
/// whose clock runs 2 s ahead needs --offset -2). A clip keeps its SEI telemetry unless
/// `preferCSV` (ingest --ignore-sei) is set. With `alignToVision` (ingest --align-csv) the CSV's
/// remaining clock error is measured against the front camera (`CSVVisionAlignment`) and added.
struct CSVTelemetryAttacher {
  let store: Store
  let offsetS: Double
  let preferCSV: Bool
  var alignToVision = false

  struct Outcome: Sendable, Equatable {
    let path: String
    /// Clips that got this CSV's telemetry.
    let clipsAttached: Int
    /// Set when the file is unusable (unreadable, or covers no clip): what to do about it.
    let problem: String?
    let summary: String
  }

  /// Returns one outcome per file, and the drives whose telemetry changed.
  func attach(_ paths: [String]) throws -> (outcomes: [Outcome], driveIDs: Set<Int64>) {
    guard !paths.isEmpty else { return ([], []) }
    let clips = try store.readableFrontClips()
    let sources = try store.telemetrySources()
    var outcomes: [Outcome] = []
    var drives: Set<Int64> = []
    for path in paths {
      let file: CSVTelemetryFile
      do {
        // Only samples inside a clip are kept while reading (a day-long log holds far more than
        // the minutes filmed), except to align, which compares the whole log with the video.
        file = try CSVTelemetryReader.read(path: path, keeping: alignToVision ? nil : insideAnyClip(clips, csvPath: path))
      } catch {
        outcomes.append(Outcome(path: path, clipsAttached: 0, problem: "\(error)", summary: ""))
        continue
      }
      // Read in place, never copied: a large CSV's samples are most of the memory ingest uses
      // (a copy with the offset added doubled it). Every shift of its clock goes into `shiftS`.
      let samples = file.series.samples
      guard let span = file.timeSpanS else {
        outcomes.append(Outcome(path: path, clipsAttached: 0, problem: "\(path): no samples", summary: file.summary))
        continue
      }
      // Relative series start at their file name's car-local time, on the same as-if-UTC clock as
      // the clips' file-name times.
      var shiftS = offsetS
      if !file.series.isAbsoluteTime {
        guard let start = file.startHint?.startDate(in: TimeZone(identifier: "UTC")!) else {
          outcomes.append(Outcome(
            path: path, clipsAttached: 0,
            problem: "\(path): \(file.dialect.displayName) has no clock of its own and its file name carries no "
              + "YYYY-MM-DD_HH-MM-SS start time: rename it to start with the drive's car-local start time",
            summary: file.summary))
          continue
        }
        shiftS += start.timeIntervalSince1970
      }
      var alignmentNote: String?
      if alignToVision {
        let onClipClock = samples.map { sample -> TelemetrySample in
          var sample = sample
          sample.timeS += shiftS
          return sample
        }
        let starts = clips.compactMap { clip in clipWindow(clip, absolute: file.series.isAbsoluteTime).map { (clip, $0.start) } }
        let (alignment, reason) = try CSVVisionAlignment.estimate(samples: onClipClock, clips: starts, store: store)
        if let alignment, alignment.isUsable {
          shiftS += alignment.lagS
          alignmentNote = String(format: "aligned to the video by %+.1f s (pitch/deceleration correlation %.2f, next best %.2f, %.0f s overlap)",
                                 alignment.lagS, alignment.correlation, alignment.runnerUpCorrelation, alignment.overlapS)
        } else if let alignment {
          alignmentNote = String(format: "not aligned to the video: the best lag %+.1f s is not clear (correlation %.2f, next best %.2f)",
                                 alignment.lagS, alignment.correlation, alignment.runnerUpCorrelation)
        } else {
          alignmentNote = "not aligned to the video: \(reason ?? "no overlap")"
        }
      }
      var attached = 0, keptSEI = 0
      for clip in clips {
        guard let id = clip.id else { continue }
        guard let window = clipWindow(clip, absolute: file.series.isAbsoluteTime) else { continue }
        let inside = samples.filter { $0.timeS + shiftS >= window.start && $0.timeS + shiftS < window.end }
        guard inside.count >= 2 else { continue }
        if !preferCSV, sources[id] == "sei" {
          keptSEI += 1  // the car's own per-frame record beats a separate logger
          continue
        }
        let relative = inside.map { sample -> TelemetrySample in
          var sample = sample
          sample.timeS = sample.timeS + shiftS - window.start
          return sample
        }
        try store.replaceTelemetry(clipID: id, with: TelemetryStorage.stored(
          relative, source: file.series.source.rawValue, sourcePath: path, startUTC: clip.startUtc))
        attached += 1
        if let drive = clip.driveId { drives.insert(drive) }
      }
      var problem: String?
      var summary = file.summary + (alignmentNote.map { "; " + $0 } ?? "")
      if attached == 0 && keptSEI == 0 {
        let first = span.lowerBound + offsetS, last = span.upperBound + offsetS
        let spanText = file.series.isAbsoluteTime
          ? "\(DriveEventDetector.iso(first)) to \(DriveEventDetector.iso(last)) UTC"
          : "\(Int(last - first)) s from its file-name start"
        problem = "\(path): its telemetry (\(spanText)) overlaps no ingested front clip. "
          + "Ingest the matching clips too, or pass --offset SECONDS if the CSV clock is off."
      } else if keptSEI > 0 {
        summary += "; \(keptSEI) clip\(keptSEI == 1 ? "" : "s") it covers carry SEI telemetry, used instead "
          + "(--ignore-sei uses the CSV)"
      }
      outcomes.append(Outcome(path: path, clipsAttached: attached, problem: problem, summary: summary))
    }
    return (outcomes, drives)
  }

  /// Whether a CSV sample falls inside any clip's window, tested as `attach` tests it (the same
  /// shift, added the same way), so what the reader drops is what `attach` would not use.
  private func insideAnyClip(_ clips: [ClipRecord], csvPath: String) -> (Double, Bool) -> Bool {
    func merged(absolute: Bool) -> [(start: Double, end: Double)] {
      var windows = clips.compactMap { clipWindow($0, absolute: absolute) }.sorted { $0.start < $1.start }
      var index = 1
      while index < windows.count {
        if windows[index].start <= windows[index - 1].end {
          windows[index - 1].end = max(windows[index - 1].end, windows[index].end)
          windows.remove(at: index)
        } else {
          index += 1
        }
      }
      return windows
    }
    let absoluteWindows = merged(absolute: true), relativeWindows = merged(absolute: false)
    let relativeStartS = CSVStartHint(fileName: csvPath).startDate(in: TimeZone(identifier: "UTC")!)?.timeIntervalSince1970
    let offsetS = offsetS
    return { timeS, isAbsolute in
      var shiftS = offsetS
      if !isAbsolute {
        guard let relativeStartS else { return false }  // attach reports the missing start
        shiftS += relativeStartS
      }
      let windows = isAbsolute ? absoluteWindows : relativeWindows
      let time = timeS + shiftS
      // The last window starting at or before `time`.
      var low = 0, high = windows.count
      while low < high {
        let middle = (low + high) / 2
        if windows[middle].start <= time { low = middle + 1 } else { high = middle }
      }
      return low > 0 && time < windows[low - 1].end
    }
  }

  /// A clip's time window on the CSV's clock: UTC for absolute CSVs, file-name time otherwise.
  private func clipWindow(_ clip: ClipRecord, absolute: Bool) -> (start: Double, end: Double)? {
    guard let start = absolute ? ClipClock.utcStartS(clip) : ClipClock.localStartS(clip) else { return nil }
    return (start, start + (clip.durationS ?? 60))
  }
}
