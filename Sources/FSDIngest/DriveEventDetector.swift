import FSDDetection
import FSDStore
import FSDTelemetry
import Foundation

/// Runs telemetry event detection over whole drives (so an event spanning two clips is one
/// event), computes FSD / Autosteer / TACC / manual distance and time, and stores both.
struct DriveEventDetector {
  let store: Store
  let config: DetectionConfig

  /// Returns the number of active events stored for these drives.
  @discardableResult
  func run(driveIDs: [Int64]) throws -> Int {
    var total = 0
    let thresholds = String(decoding: (try? JSONEncoder().encode(config)) ?? Data(), as: UTF8.self)
    for driveID in driveIDs {
      let clips = try store.frontClips(driveID: driveID)
      var samples: [TelemetrySample] = []
      var clipStarts: [(clip: ClipRecord, startS: Double, endS: Double)] = []
      var source: String?
      for clip in clips {
        // The UTC clock (creation time), else the file-name time: that keeps a drive's clips in order
        // even when no creation time exists.
        guard let id = clip.id, let startS = ClipClock.utcStartS(clip) ?? ClipClock.localStartS(clip) else { continue }
        clipStarts.append((clip, startS, startS + (clip.durationS ?? 60)))
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
      try store.updateDriveTelemetry(driveID: driveID, summary)
      try store.replaceEvents(driveID: driveID, with: events)
      total += events.count
    }
    return total
  }

  static func iso(_ seconds: Double) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date(timeIntervalSince1970: seconds))
  }
}
