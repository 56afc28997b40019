import FSDDomain
import Foundation
import GRDB

/// What `fsdlog status` shows: a summary of what the database holds.
public struct StatusReport: Sendable, Equatable {
  public struct FailedClip: Sendable, Equatable { public let path: String; public let status: String; public let error: String }
  public struct CameraCount: Sendable, Equatable { public let camera: Camera; public let clips: Int }

  public var clipsByStatus: [String: Int] = [:]
  public var clipsByCamera: [CameraCount] = []
  public var drives = 0
  public var eventFolders = 0
  /// Sum of readable front-clip durations (each camera films the same hours).
  public var frontVideoSeconds = 0.0
  public var framesAnalyzed = 0
  public var firstClipLocal: String?
  public var lastClipLocal: String?
  public var problemClips: [FailedClip] = []
  public var lastRun: IngestRunRecord?
  /// Totals over drives with telemetry (nil when no drive has any).
  public var usage: Usage?
  public var drivesWithTelemetry = 0
  /// How many drives chose each accelerometer axis convention (e.g. "+x forward, +y left (r=0.99)").
  public var axisCalibrations: [String: Int] = [:]
  public var eventsByKind: [EventKind: Int] = [:]
  /// Verdicts on events no later detection found again (`Store.lostVerdicts`).
  public var lostVerdicts: [LostVerdict] = []
  /// The evidence library: events whose footage is kept, its size, and where it lies.
  public var evidenceEvents = 0
  public var evidenceBytes: Int64 = 0
  public var evidenceRoot = ""
  public var clipsWithSEI = 0
  /// Readable clips by the clock their time came from (`clips.time_source`; "unknown" for none).
  public var clipsByTimeSource: [String: Int] = [:]
  /// Readable clips whose time is not simply their TeslaCam file name, with the clock in words.
  public var clockNotes: [ClockNote] = []
  public var clockNotesTotal = 0
  /// How much driving the database saw, per car-local month (or day), oldest first.
  public var coverage: [Coverage] = []

  /// Footage of one period's drives: how long, how much is missing between their clips, how much
  /// has telemetry, and the distance it knows of.
  public struct Coverage: Sendable, Equatable {
    /// "2026-11" or "2026-11-02".
    public let period: String
    public let drives: Int
    public let videoS: Double
    public let missingS: Double
    public let telemetryVideoS: Double
    /// All distance known from telemetry, and the FSD part of it (m).
    public let distanceM: Double
    public let fsdDistanceM: Double
  }

  public struct ClockNote: Sendable, Equatable { public let path: String; public let note: String; public let start: String? }

  public struct Usage: Sendable, Equatable {
    public var fsdDistanceM, autosteerDistanceM, taccDistanceM, manualDistanceM: Double
    public var fsdTimeS, autosteerTimeS, taccTimeS, manualTimeS: Double
  }

  public var totalClips: Int { clipsByStatus.values.reduce(0, +) }
}

extension Store {
  /// "+x forward, +y left (r=0.99)" from a stored axis calibration (JSON written by ingest).
  static func describeCalibration(_ json: String) -> String {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return json }
    let method = object["method"] as? String ?? "?"
    if method != "correlation" { return "undetermined (too little speed change to tell the axes apart): d(speed)/dt used" }
    func axis(_ name: String, _ sign: String, _ meaning: String) -> String {
      guard let axis = object[name] as? String, let value = object[sign] as? Double, value != 0 else {
        return (object[name] as? String).map { "\($0) \(meaning) (sign unknown)" } ?? "?"
      }
      return "\(value > 0 ? "+" : "-")\(axis) \(meaning)"
    }
    let correlation = (object["correlation"] as? Double).map { String(format: " (r=%.2f)", $0) } ?? ""
    return axis("longitudinal_axis", "longitudinal_sign", "forward") + ", "
      + axis("lateral_axis", "lateral_sign", "left") + correlation
  }

  /// - Parameter coverageByDay: coverage per car-local day instead of per month.
  public func statusReport(problemLimit: Int = 50, coverageByDay: Bool = false) throws -> StatusReport {
    try pool.read { db in
      var report = StatusReport()
      report.coverage = try Row.fetchAll(db, sql: """
        WITH \(Self.missingFootageSQL)
        SELECT substr(d.start_local, 1, \(coverageByDay ? 10 : 7)) AS period, count(*) AS drives,
          sum(d.duration_s) AS video_s, sum(coalesce(m.missing_s, 0)) AS missing_s,
          sum(CASE WHEN d.telemetry_source IS NOT NULL THEN d.duration_s ELSE 0 END) AS telemetry_s,
          coalesce(sum(d.fsd_distance_m + d.autosteer_distance_m + d.tacc_distance_m + d.manual_distance_m), 0) AS distance_m,
          coalesce(sum(d.fsd_distance_m), 0) AS fsd_m
        FROM drives d LEFT JOIN missing m ON m.drive_id = d.id GROUP BY period ORDER BY period
        """).map {
        StatusReport.Coverage(period: $0["period"], drives: $0["drives"], videoS: $0["video_s"] ?? 0,
                              missingS: $0["missing_s"] ?? 0, telemetryVideoS: $0["telemetry_s"] ?? 0,
                              distanceM: $0["distance_m"], fsdDistanceM: $0["fsd_m"])
      }
      for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM clips GROUP BY status") {
        report.clipsByStatus[row["status"]] = row["n"]
      }
      report.clipsByCamera = try Row.fetchAll(db, sql: """
        SELECT camera, count(*) AS n FROM clips WHERE status IN ('ok', 'partial')
        GROUP BY camera ORDER BY n DESC, camera
        """).map { StatusReport.CameraCount(camera: $0["camera"], clips: $0["n"]) }
      report.drives = try Int.fetchOne(db, sql: "SELECT count(*) FROM drives") ?? 0
      report.eventFolders = try Int.fetchOne(db, sql: "SELECT count(*) FROM event_folders") ?? 0
      if let row = try Row.fetchOne(db, sql: """
        SELECT coalesce(sum(duration_s), 0) AS seconds, min(name_time_local) AS first, max(name_time_local) AS last
        FROM clips WHERE camera = '\(Camera.front)' AND status IN ('ok', 'partial')
        """) {
        report.frontVideoSeconds = row["seconds"]
        report.firstClipLocal = row["first"]
        report.lastClipLocal = row["last"]
      }
      report.framesAnalyzed = try Int.fetchOne(db, sql: "SELECT coalesce(sum(frame_count), 0) FROM motion") ?? 0
      report.problemClips = try Row.fetchAll(db, sql: """
        SELECT path, status, coalesce(error, '') AS error FROM clips
        WHERE status IN ('failed', 'partial', 'not_video') ORDER BY status, path LIMIT ?
        """, arguments: [problemLimit]).map { StatusReport.FailedClip(path: $0["path"], status: $0["status"], error: $0["error"]) }
      report.lastRun = try IngestRunRecord.order(IngestRunRecord.Columns.id.desc).fetchOne(db)
      if let row = try Row.fetchOne(db, sql: """
        SELECT count(*) AS n, sum(fsd_distance_m) AS fsd, sum(autosteer_distance_m) AS autosteer,
          sum(tacc_distance_m) AS tacc, sum(manual_distance_m) AS manual, sum(fsd_time_s) AS fsd_t,
          sum(autosteer_time_s) AS autosteer_t, sum(tacc_time_s) AS tacc_t, sum(manual_time_s) AS manual_t
        FROM drives WHERE telemetry_source IS NOT NULL
        """), let count = row["n"] as Int?, count > 0 {
        report.drivesWithTelemetry = count
        report.usage = StatusReport.Usage(
          fsdDistanceM: row["fsd"] ?? 0, autosteerDistanceM: row["autosteer"] ?? 0, taccDistanceM: row["tacc"] ?? 0,
          manualDistanceM: row["manual"] ?? 0, fsdTimeS: row["fsd_t"] ?? 0, autosteerTimeS: row["autosteer_t"] ?? 0,
          taccTimeS: row["tacc_t"] ?? 0, manualTimeS: row["manual_t"] ?? 0)
      }
      for text in try String.fetchAll(db, sql: "SELECT axis_calibration FROM drives WHERE axis_calibration IS NOT NULL") {
        report.axisCalibrations[Self.describeCalibration(text), default: 0] += 1
      }
      for row in try Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM events WHERE superseded_at IS NULL GROUP BY kind") {
        if let kind = row["kind"] as EventKind? { report.eventsByKind[kind] = row["n"] }
      }
      report.lostVerdicts = try Self.lostVerdicts(db)
      (report.evidenceEvents, report.evidenceBytes) = try Self.evidenceTotals(db)
      if report.evidenceEvents > 0 { report.evidenceRoot = evidenceRoot }
      report.clipsWithSEI = try Int.fetchOne(db, sql: "SELECT count(*) FROM clips WHERE sei_records > 0") ?? 0
      for row in try Row.fetchAll(db, sql: """
        SELECT coalesce(time_source, 'unknown') AS clock, count(*) AS n FROM clips
        WHERE status IN ('ok', 'partial') GROUP BY clock
        """) {
        report.clipsByTimeSource[row["clock"]] = row["n"]
      }
      // TeslaCam names whose creation time disagrees: SQL gives the difference, ClipClock judges it.
      let overruled = try Row.fetchAll(db, sql: """
        SELECT id, (julianday(start_utc) - julianday(name_time_local)) * 86400.0 AS d FROM clips
        WHERE time_source = 'file_name' AND start_utc IS NOT NULL AND status IN ('ok', 'partial')
        """).filter { row in (row["d"] as Double?).map { !ClipClock.zoneOffsetExplains(utcMinusLocalS: $0) } ?? false }
        .map { $0["id"] as Int64 }
      let noted = try ClipRecord.fetchAll(db, sql: """
        SELECT * FROM clips WHERE status IN ('ok', 'partial')
          AND (time_source IS NULL OR time_source != 'file_name' OR id IN (SELECT value FROM json_each(?)))
        ORDER BY path
        """, arguments: ["[" + overruled.map(String.init).joined(separator: ",") + "]"])
      report.clockNotesTotal = noted.count
      report.clockNotes = noted.prefix(problemLimit).compactMap { clip in
        ClipClock.sourceNote(clip).map { note in
          let start = clip.timeSource == .fileName || clip.timeSource == .dashcamFileName
            ? ClipClock.localStartS(clip).map(ClipClock.displayText)
            : ClipClock.utcStartS(clip).map { ClipClock.displayText($0) + " UTC" }
          return StatusReport.ClockNote(path: clip.path, note: note, start: start)
        }
      }
      return report
    }
  }
}
