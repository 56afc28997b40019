import FSDDetection
import FSDStore
import FSDTelemetry
import Foundation

/// Runs event detection over whole drives (so an event spanning two clips is one event),
/// computes FSD / Autosteer / TACC / manual distance and time, and stores both.
///
/// Telemetry is the authority where a drive has it; the motion series (when its clips were
/// decoded) then confirms its brakes and swerves (`source = both`, telemetry magnitudes and
/// timing). A drive without telemetry gets vision-only events from the motion series.
struct DriveEventDetector {
  let store: Store
  let config: DetectionConfig
  var visionConfig: VisionDetectionConfig = .standard

  /// Returns the number of active events stored for these drives.
  @discardableResult
  func run(driveIDs: [Int64]) throws -> Int {
    // Two passes: detect every drive first, so vision-only brakes can be calibrated to g on the
    // fused brakes of this run too, then write.
    var detected: [(driveID: Int64, summary: DriveTelemetrySummary, events: [EventRecord],
                    visionOnly: [(index: Int, peak: Double)])] = []
    let thresholds = String(decoding: (try? JSONEncoder().encode(config)) ?? Data(), as: UTF8.self)
    for driveID in driveIDs {
      let clips = try store.frontClips(driveID: driveID)
      var samples: [TelemetrySample] = []
      var clipStarts: [(clip: ClipRecord, startS: Double, endS: Double)] = []
      var source: String?
      var vision: VisionSeries?
      // One clock for the whole drive: UTC when every clip has it (creation time, or file time),
      // else the file-name time first, the clock the drive was grouped on; a clip whose creation
      // time its name overrules must not put its neighbours on another clock.
      let onUTC = clips.allSatisfy { ClipClock.utcStartS($0) != nil }
      for clip in clips {
        let start = onUTC ? ClipClock.utcStartS(clip) : ClipClock.localStartS(clip) ?? ClipClock.utcStartS(clip)
        guard let id = clip.id, let startS = start else { continue }
        clipStarts.append((clip, startS, startS + (clip.durationS ?? 60)))
        if let motion = try store.motion(clipID: id), motion.hasEgoMotion, let width = clip.width, let height = clip.height {
          if vision == nil { vision = VisionSeries(frameWidth: width, frameHeight: height) }
          if vision?.frameWidth == width && vision?.frameHeight == height {
            vision?.append(startS: startS, ptsS: motion.ptsSeconds, dx: motion.dx, dy: motion.dy, expansion: motion.expansion,
                           confidence: motion.confidence, mafd: motion.mafd)
          }
        }
        guard let stored = try store.telemetry(clipID: id) else { continue }
        source = source ?? stored.source
        samples += TelemetryStorage.samples(stored, startS: startS)
      }
      samples.sort { $0.timeS < $1.timeS }
      var summary = DriveTelemetrySummary()
      var events: [EventRecord] = []
      if !samples.isEmpty {
        let calibration = AxisCalibration.calibrate(samples)
        let usage = TelemetryEventDetector.usage(samples, maxGapS: config.maxSampleGapS)
        summary.fsdDistanceM = usage.fsdDistanceM
        summary.autosteerDistanceM = usage.autosteerDistanceM
        summary.taccDistanceM = usage.taccDistanceM
        summary.manualDistanceM = usage.manualDistanceM
        summary.fsdTimeS = usage.fsdTimeS
        summary.autosteerTimeS = usage.autosteerTimeS
        summary.taccTimeS = usage.taccTimeS
        summary.manualTimeS = usage.manualTimeS
        summary.telemetrySource = source
        summary.axisCalibration = calibration.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        let detectedAt = Timestamps.nowUTC()
        events = TelemetryEventDetector.detect(samples, calibration: calibration, config: config).map { detected in
          var record = EventRecord(
            kind: detected.kind.rawValue, onsetUtc: Self.iso(detected.onsetS), peakUtc: Self.iso(detected.peakS),
            endUtc: Self.iso(detected.endS), initiator: detected.initiator.rawValue, source: "telemetry",
            confidence: detected.confidence, detectedAt: detectedAt)
          record.severity = detected.severity?.rawValue
          record.cause = detected.cause?.rawValue
          record.peakDecelG = detected.peakDecelG
          record.peakLatG = detected.peakLatG
          record.speedBeforeMps = detected.speedBeforeMPS
          record.speedAfterMps = detected.speedAfterMPS
          record.autopilotState = detected.autopilotAtOnset?.rawValue
          record.lat = detected.latitudeDeg
          record.lon = detected.longitudeDeg
          record.rule = detected.rule
          record.thresholds = thresholds
          // The front clip holding the peak, and where in it.
          if let holder = clipStarts.last(where: { $0.startS <= detected.peakS + 1e-6 }) ?? clipStarts.first {
            record.clipId = holder.clip.id
            record.offsetS = detected.peakS - holder.startS
          }
          return record
        }
      }
      let visionEvents = vision.map { VisionEventDetector.detectWithMagnitudes($0, config: visionConfig) } ?? []
      var visionOnly: [(index: Int, peak: Double)] = []
      if samples.isEmpty {
        events = visionEvents.map { visionRecord($0.event, clipStarts: clipStarts) }
        visionOnly = visionEvents.enumerated().filter { $0.element.event.kind == .brake }.map { ($0.offset, $0.element.peakMagnitude) }
      } else {
        events = VisionFusion.confirm(events, with: visionEvents)
      }
      detected.append((driveID, summary, events, visionOnly))
    }

    let calibration = detected.contains { !$0.visionOnly.isEmpty }
      ? try VisionBrakeCalibration.from(store: store, excludingDrives: Set(driveIDs), runEvents: detected.flatMap(\.events))
      : nil
    var total = 0
    for var drive in detected {
      if let calibration {
        for (index, peak) in drive.visionOnly { calibration.apply(to: &drive.events[index], peakPitch: peak, config: config) }
      }
      try store.updateDriveTelemetry(driveID: drive.driveID, drive.summary)
      try store.replaceEvents(driveID: drive.driveID, with: drive.events)
      total += drive.events.count
    }
    return total
  }

  private func visionRecord(
    _ detected: DetectedEvent, clipStarts: [(clip: ClipRecord, startS: Double, endS: Double)]
  ) -> EventRecord {
    var record = EventRecord(
      kind: detected.kind.rawValue, onsetUtc: Self.iso(detected.onsetS), peakUtc: Self.iso(detected.peakS),
      endUtc: Self.iso(detected.endS), initiator: detected.initiator.rawValue, source: "vision",
      confidence: (detected.confidence * 1000).rounded() / 1000, detectedAt: Timestamps.nowUTC())
    record.rule = detected.rule
    record.thresholds = String(decoding: (try? JSONEncoder().encode(visionConfig)) ?? Data(), as: UTF8.self)
    if let holder = clipStarts.last(where: { $0.startS <= detected.peakS + 1e-6 }) ?? clipStarts.first {
      record.clipId = holder.clip.id
      record.offsetS = detected.peakS - holder.startS
    }
    return record
  }

  static func iso(_ seconds: Double) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }
}
