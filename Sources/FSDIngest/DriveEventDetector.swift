import FSDDetection
import FSDDomain
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
    var detected: [(driveID: Int64, summary: DriveTelemetrySummary, events: [DetectedEvent],
                    clipStarts: [(clip: ClipRecord, startS: Double)])] = []
    for driveID in driveIDs {
      let clips = try store.frontClips(driveID: driveID)
      var samples: [TelemetrySample] = []
      var clipStarts: [(clip: ClipRecord, startS: Double)] = []
      var source: String?
      var vision: VisionSeries?
      // One clock for the whole drive: UTC when every clip has it (creation time, or file time),
      // else the file-name time first, the clock the drive was grouped on; a clip whose creation
      // time its name overrules must not put its neighbours on another clock.
      let onUTC = clips.allSatisfy { ClipClock.utcStartS($0) != nil }
      for clip in clips {
        let start = onUTC ? ClipClock.utcStartS(clip) : ClipClock.localStartS(clip) ?? ClipClock.utcStartS(clip)
        guard let id = clip.id, let startS = start else { continue }
        clipStarts.append((clip, startS))
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
      let visionEvents = vision.map { VisionEventDetector.detect($0, config: visionConfig) } ?? []
      var events: [DetectedEvent]
      if samples.isEmpty {
        events = visionEvents
      } else {
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
        events = VisionFusion.confirm(
          TelemetryEventDetector.detect(samples, calibration: calibration, config: config), with: visionEvents)
      }
      detected.append((driveID, summary, events, clipStarts))
    }

    let calibration = detected.contains { $0.events.contains { $0.kind == .brake && $0.source == .vision } }
      ? try brakeCalibration(excludingDrives: Set(driveIDs), runEvents: detected.flatMap(\.events))
      : nil
    let detectedAt = Timestamps.nowUTC()
    let thresholds = Self.json(config), visionThresholds = Self.json(visionConfig)
    var total = 0
    for drive in detected {
      let records = drive.events.map { event -> EventRecord in
        var event = event
        calibration?.apply(to: &event, config: config)
        return Self.record(event, clipStarts: drive.clipStarts, detectedAt: detectedAt,
                           thresholds: event.source == .vision ? visionThresholds : thresholds)
      }
      try store.updateDriveTelemetry(driveID: drive.driveID, drive.summary)
      try store.replaceEvents(driveID: drive.driveID, with: records)
      total += records.count
    }
    return total
  }

  /// Pitch per g from the fused brakes already stored (outside `excludingDrives`, which are being
  /// redone: their rules carry the pitch) and those of this run.
  private func brakeCalibration(excludingDrives: Set<Int64>, runEvents: [DetectedEvent]) throws -> VisionBrakeCalibration? {
    let stored = try store.events(EventFilter(kind: .brake)).compactMap { event -> (peakDecelG: Double, pitchHeights: Double)? in
      guard event.source == .both, !(event.driveId.map(excludingDrives.contains) ?? false),
            let g = event.peakDecelG, let pitch = VisionFusion.pitch(inRule: event.rule) else { return nil }
      return (g, pitch)
    }
    return VisionBrakeCalibration(fusedBrakes: stored + runEvents.compactMap(VisionBrakeCalibration.pair))
  }

  /// The one mapping from a detection to its row: times as UTC text, the front clip holding the
  /// peak and where in it, the thresholds in force.
  static func record(_ detected: DetectedEvent, clipStarts: [(clip: ClipRecord, startS: Double)], detectedAt: String,
                     thresholds: String) -> EventRecord {
    var record = EventRecord(
      kind: detected.kind, onsetUtc: iso(detected.onsetS), peakUtc: iso(detected.peakS), endUtc: iso(detected.endS),
      initiator: detected.initiator, source: detected.source, confidence: (detected.confidence * 1000).rounded() / 1000,
      detectedAt: detectedAt)
    record.severity = detected.severity
    record.cause = detected.cause
    record.peakDecelG = detected.peakDecelG
    record.peakLatG = detected.peakLatG
    record.speedBeforeMps = detected.speedBeforeMPS
    record.speedAfterMps = detected.speedAfterMPS
    record.autopilotState = detected.autopilotAtOnset
    record.lat = detected.latitudeDeg
    record.lon = detected.longitudeDeg
    record.rule = detected.rule
    record.thresholds = thresholds
    if let holder = clipStarts.last(where: { $0.startS <= detected.peakS + 1e-6 }) ?? clipStarts.first {
      record.clipId = holder.clip.id
      record.offsetS = detected.peakS - holder.startS
    }
    return record
  }

  static func json<Value: Encodable>(_ value: Value) -> String {
    String(decoding: (try? JSONEncoder().encode(value)) ?? Data(), as: UTF8.self)
  }

  static func iso(_ seconds: Double) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }
}
