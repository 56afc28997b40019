import FSDDomain
import Foundation
import FSDStore

/// A fixed database for the report tests, written through the Store API: three months of drives
/// (one vision-only), events of every kind and verdict, a note with Markdown's table character,
/// two recorded FSD versions, and one clip with telemetry around a hard brake for the trace.
enum ReportTestDatabase {
  static func make(at path: String) throws -> Store {
    let store = try Store(path: path)
    var drives: [(drive: DriveRecord, clipIDs: [Int64])] = []
    var clipIDs: [String: Int64] = [:]

    // (start, duration s, telemetry?) — one front clip per drive is enough for the statistics.
    let plan: [(String, Double, Bool)] = [
      ("2026-09-12T09:00:00", 2400, true),
      ("2026-10-04T08:00:00", 5800, true),
      ("2026-10-21T18:30:00", 1200, true),
      ("2026-11-03T07:45:00", 4300, true),
      ("2026-11-14T16:10:00", 1800, true),
      ("2026-11-22T21:00:00", 1080, false),
    ]
    for (start, duration, _) in plan {
      var clip = ClipRecord(path: "/fixture/TeslaCam/RecentClips/\(start.replacingOccurrences(of: ":", with: "-"))-front.mp4",
                            sizeBytes: 1, mtimeS: 0, fingerprint: "f", camera: "front", source: "recent", status: .ok,
                            analysisVersion: 1, ingestedAt: "2026-12-01T00:00:00Z")
      clip.nameTimeLocal = start
      clip.durationS = duration
      let telemetry = start.hasPrefix("2026-11-03") ? brakeTelemetry() : nil
      let saved = try store.saveClip(clip, motion: nil, telemetry: telemetry)
      clipIDs[start] = saved.id!
      drives.append((DriveRecord(startLocal: start, endLocal: start, startUtc: nil, clipCount: 1, durationS: duration),
                     [saved.id!]))
    }
    try store.replaceDrives(drives)
    let driveIDs = try store.driveIDs()

    // FSD km, FSD h, Autosteer km, manual km per drive with telemetry.
    let usage: [(Double, Double, Double, Double)] = [
      (38.5, 0.55, 0, 4.2), (121.0, 1.45, 6.0, 12.5), (14.2, 0.3, 0, 3.1), (85.3, 1.05, 2.4, 9.9), (40.0, 0.45, 0, 2.0),
    ]
    for (index, figures) in usage.enumerated() {
      var summary = DriveTelemetrySummary()
      summary.fsdDistanceM = figures.0 * 1000
      summary.fsdTimeS = figures.1 * 3600
      summary.autosteerDistanceM = figures.2 * 1000
      summary.autosteerTimeS = figures.2 * 60
      summary.manualDistanceM = figures.3 * 1000
      summary.manualTimeS = figures.3 * 90
      summary.telemetrySource = "sei"
      summary.axisCalibration = #"{"method":"speed_derivative"}"#
      try store.updateDriveTelemetry(driveID: driveIDs[index], summary)
    }

    func event(_ kind: EventKind, _ severity: Severity?, _ local: String, by initiator: Initiator, clip: String,
               offsetS: Double, decel: Double? = nil, lat: Double? = nil, speeds: (Double, Double),
               cause: DisengagementCause? = nil, source: EventSource = .telemetry) -> EventRecord {
      // The fixture's car clock is UTC-8: UTC is eight hours later.
      let utc = Self.utc(local)
      var record = EventRecord(kind: kind, onsetUtc: utc, peakUtc: utc, endUtc: utc, initiator: initiator,
                               source: source, confidence: source == .telemetry ? 1 : 0.7,
                               detectedAt: "2026-12-01T00:00:00.000Z")
      record.severity = severity
      record.clipId = clipIDs[clip]
      record.offsetS = offsetS
      record.peakDecelG = decel
      record.peakLatG = lat
      // Vision-only events have no speed.
      record.speedBeforeMps = source == .vision ? nil : speeds.0
      record.speedAfterMps = source == .vision ? nil : speeds.1
      record.cause = cause
      record.autopilotState = initiator == .unknown ? nil : .selfDriving
      return record
    }
    let oct = "2026-10-04T08:00:00", late = "2026-10-21T18:30:00"
    let nov3 = "2026-11-03T07:45:00", nov14 = "2026-11-14T16:10:00", nov22 = "2026-11-22T21:00:00"
    try store.replaceEvents(driveID: driveIDs[1], with: [
      event(.brake, .hard, "2026-10-04T08:21:10", by: .fsd, clip: oct, offsetS: 1270, decel: 0.34, speeds: (29, 22)),
      event(.swerve, .hard, "2026-10-04T09:02:40", by: .fsd, clip: oct, offsetS: 3760, lat: 0.31, speeds: (24, 23)),
    ])
    try store.replaceEvents(driveID: driveIDs[2], with: [
      event(.brake, .mild, "2026-10-21T18:41:00", by: .fsd, clip: late, offsetS: 660, decel: 0.22, speeds: (17, 12)),
    ])
    try store.replaceEvents(driveID: driveIDs[3], with: [
      event(.brake, .hard, "2026-11-03T07:45:11", by: .fsd, clip: nov3, offsetS: 11, decel: 0.31, speeds: (28, 21.6)),
      event(.disengagement, nil, "2026-11-03T08:10:05", by: .driver, clip: nov3, offsetS: 1505, speeds: (25, 24.5),
            cause: .brakePedal),
      event(.brake, .emergency, "2026-11-03T08:30:40", by: .fsd, clip: nov3, offsetS: 2740, decel: 0.52, speeds: (31, 12)),
    ])
    try store.replaceEvents(driveID: driveIDs[4], with: [
      event(.swerve, .mild, "2026-11-14T16:20:00", by: .fsd, clip: nov14, offsetS: 600, lat: 0.24, speeds: (20, 20)),
      event(.override, nil, "2026-11-14T16:31:30", by: .driver, clip: nov14, offsetS: 1290, speeds: (18, 21)),
      event(.brake, .hard, "2026-11-14T16:35:00", by: .fsd, clip: nov14, offsetS: 1500, decel: 0.29, speeds: (22, 15)),
    ])
    try store.replaceEvents(driveID: driveIDs[5], with: [
      event(.brake, .hard, "2026-11-22T21:08:00", by: .unknown, clip: nov22, offsetS: 480, speeds: (0, 0),
            source: .vision),
    ])

    // Verdicts: ids follow insertion order (1…10).
    try store.addTag(eventID: 1, verdict: .phantom, note: "overpass shadow", source: .cli)
    try store.addTag(eventID: 2, verdict: .justified, source: .cli)
    try store.addTag(eventID: 3, verdict: .justified, source: .cli)
    try store.addTag(eventID: 4, verdict: .phantom, note: "bridge | shadow, again", source: .cli)
    try store.addTag(eventID: 5, verdict: .justified, intervened: true, critical: true,
                     note: "car ran the red light", source: .script)
    try store.addTag(eventID: 6, verdict: .justified, note: "cut-in from the on-ramp", source: .cli)
    try store.addTag(eventID: 7, verdict: .unsure, source: .cli)
    // Tagged, then taken back: untagged again, and must be shown so.
    try store.addTag(eventID: 9, verdict: .phantom, source: .cli)
    try store.untag(eventID: 9, source: .cli)

    try store.addFSDVersion("12.5.6", sinceLocal: "2026-10-01")
    try store.addFSDVersion("13.2.1", sinceLocal: "2026-11-10")
    return store
  }

  /// 30 s at 10 Hz: 28 m/s, then a 0.31 g brake from 10 s to 12 s, then 21.6 m/s.
  static func brakeTelemetry() -> StoredTelemetry {
    var telemetry = StoredTelemetry(source: "sei", rateHz: 10, startUTC: nil)
    var speed: Float = 28
    for index in 0..<300 {
      let t = Float(index) / 10
      let braking = t >= 10 && t < 12
      let accel: Float = braking ? -3.04 : 0
      telemetry.tS.append(t)
      telemetry.speedMPS.append(speed)
      if braking { speed += accel / 10 }
      telemetry.accelXMPS2.append(accel)
      telemetry.accelYMPS2.append(0)
      telemetry.accelZMPS2.append(9.81)
      telemetry.accelLongMPS2.append(.nan)
      telemetry.accelLatMPS2.append(.nan)
      telemetry.brake.append(0)
      telemetry.accelerator.append(braking ? 0 : 0.2)
      telemetry.steeringDeg.append(0)
      telemetry.autopilot.append(1)
      telemetry.latDeg.append(37.4)
      telemetry.lonDeg.append(-122.1)
      telemetry.headingDeg.append(90)
    }
    return telemetry
  }

  static func utc(_ local: String) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withTime, .withDashSeparatorInDate, .withColonSeparatorInTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    let date = formatter.date(from: local)!.addingTimeInterval(8 * 3600)
    return ISO8601DateFormatter().string(from: date).replacingOccurrences(of: "Z", with: ".000Z")
  }
}
