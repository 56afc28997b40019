import FSDDomain
import Foundation
import GRDB

/// One row of `events`: a brake, swerve, disengagement or override, with what was measured.
/// Times are UTC ISO 8601 with milliseconds. Events are never deleted by re-detection: one found
/// again keeps its id (and so its tags), one no longer found gets `superseded_at` and is listed
/// by `status` and `review` while it holds a verdict (`Store.replaceEvents`, `Store.lostVerdicts`).
public struct EventRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "events"

  public var id: Int64?
  public var driveId: Int64?
  public var clipId: Int64?
  public var kind: EventKind
  public var severity: Severity?
  public var onsetUtc: String
  public var peakUtc: String
  public var endUtc: String
  /// Peak time within the front clip `clipId`, seconds.
  public var offsetS: Double?
  public var initiator: Initiator
  public var cause: DisengagementCause?
  public var source: EventSource
  public var confidence: Double
  public var peakDecelG: Double?
  public var peakLatG: Double?
  public var speedBeforeMps: Double?
  public var speedAfterMps: Double?
  public var autopilotState: AutopilotMode?
  public var lat: Double?
  public var lon: Double?
  public var rule: String?
  /// The thresholds in force, as JSON.
  public var thresholds: String?
  public var detectedAt: String
  public var supersededAt: String?

  public init(kind: EventKind, onsetUtc: String, peakUtc: String, endUtc: String, initiator: Initiator, source: EventSource,
              confidence: Double, detectedAt: String) {
    self.kind = kind
    self.onsetUtc = onsetUtc
    self.peakUtc = peakUtc
    self.endUtc = endUtc
    self.initiator = initiator
    self.source = source
    self.confidence = confidence
    self.detectedAt = detectedAt
  }

  /// The table's column names, once: Codable reads and writes them, queries filter on `Columns`.
  enum CodingKeys: String, CodingKey {
    case id
    case driveId = "drive_id"
    case clipId = "clip_id"
    case kind
    case severity
    case onsetUtc = "onset_utc"
    case peakUtc = "peak_utc"
    case endUtc = "end_utc"
    case offsetS = "offset_s"
    case initiator
    case cause
    case source
    case confidence
    case peakDecelG = "peak_decel_g"
    case peakLatG = "peak_lat_g"
    case speedBeforeMps = "speed_before_mps"
    case speedAfterMps = "speed_after_mps"
    case autopilotState = "autopilot_state"
    case lat
    case lon
    case rule
    case thresholds
    case detectedAt = "detected_at"
    case supersededAt = "superseded_at"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let driveId = Column(CodingKeys.driveId)
    public static let clipId = Column(CodingKeys.clipId)
    public static let kind = Column(CodingKeys.kind)
    public static let severity = Column(CodingKeys.severity)
    public static let onsetUtc = Column(CodingKeys.onsetUtc)
    public static let peakUtc = Column(CodingKeys.peakUtc)
    public static let endUtc = Column(CodingKeys.endUtc)
    public static let offsetS = Column(CodingKeys.offsetS)
    public static let initiator = Column(CodingKeys.initiator)
    public static let cause = Column(CodingKeys.cause)
    public static let source = Column(CodingKeys.source)
    public static let confidence = Column(CodingKeys.confidence)
    public static let peakDecelG = Column(CodingKeys.peakDecelG)
    public static let peakLatG = Column(CodingKeys.peakLatG)
    public static let speedBeforeMps = Column(CodingKeys.speedBeforeMps)
    public static let speedAfterMps = Column(CodingKeys.speedAfterMps)
    public static let autopilotState = Column(CodingKeys.autopilotState)
    public static let lat = Column(CodingKeys.lat)
    public static let lon = Column(CodingKeys.lon)
    public static let rule = Column(CodingKeys.rule)
    public static let thresholds = Column(CodingKeys.thresholds)
    public static let detectedAt = Column(CodingKeys.detectedAt)
    public static let supersededAt = Column(CodingKeys.supersededAt)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension EventRecord {
  /// The event with its figures at the precision they were measured to, as the file stores them
  /// (docs/schema.md): float32 telemetry turns 0.38 g into 0.37999999751512636, which is noise.
  /// Times to the millisecond, g to 0.1 mg, speeds to mm/s, positions to about a centimetre.
  public func atMeasuredPrecision() -> EventRecord {
    func round(_ value: Double?, _ decimals: Int) -> Double? {
      value.map { value in
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
      }
    }
    var event = self
    event.offsetS = round(offsetS, 3)
    event.peakDecelG = round(peakDecelG, 4)
    event.peakLatG = round(peakLatG, 4)
    event.speedBeforeMps = round(speedBeforeMps, 3)
    event.speedAfterMps = round(speedAfterMps, 3)
    event.confidence = round(confidence, 3) ?? confidence
    event.lat = round(lat, 7)
    event.lon = round(lon, 7)
    return event
  }
}

/// Per-drive figures from telemetry: distance and time by driving mode, and the axis calibration.
public struct DriveTelemetrySummary: Sendable, Equatable {
  public var fsdDistanceM = 0.0, autosteerDistanceM = 0.0, taccDistanceM = 0.0, manualDistanceM = 0.0
  public var fsdTimeS = 0.0, autosteerTimeS = 0.0, taccTimeS = 0.0, manualTimeS = 0.0
  public var telemetrySource: String?
  /// JSON of the axis calibration chosen for the drive.
  public var axisCalibration: String?
  public init() {}
}

/// Filters for listing events (all optional).
public struct EventFilter: Sendable {
  /// "YYYY-MM": events whose peak falls in that month, car-local when the clip tells (as the
  /// report and stats count months), else UTC.
  public var month: String?
  public var kind: EventKind?
  public var initiator: Initiator?
  /// By the current (latest) tag.
  public var verdict: VerdictFilter?
  public init(month: String? = nil, kind: EventKind? = nil, initiator: Initiator? = nil, verdict: VerdictFilter? = nil) {
    self.month = month
    self.kind = kind
    self.initiator = initiator
    self.verdict = verdict
  }
}

extension Store {
  /// Stores a drive's figures from telemetry. Without telemetry (`telemetrySource` nil) its
  /// distances and times are unknown and stored as NULL, not as 0.
  public func updateDriveTelemetry(driveID: Int64, _ summary: DriveTelemetrySummary) throws {
    let known = summary.telemetrySource != nil
    func measured(_ value: Double) -> Double? { known ? value : nil }
    try write { db in
      try db.execute(sql: """
        UPDATE drives SET fsd_distance_m = ?, autosteer_distance_m = ?, tacc_distance_m = ?, manual_distance_m = ?,
          fsd_time_s = ?, autosteer_time_s = ?, tacc_time_s = ?, manual_time_s = ?, telemetry_source = ?,
          axis_calibration = ? WHERE id = ?
        """, arguments: [
          measured(summary.fsdDistanceM), measured(summary.autosteerDistanceM), measured(summary.taccDistanceM),
          measured(summary.manualDistanceM), measured(summary.fsdTimeS), measured(summary.autosteerTimeS),
          measured(summary.taccTimeS), measured(summary.manualTimeS), summary.telemetrySource,
          summary.axisCalibration, driveID,
        ])
    }
  }

  /// Front clips of a drive, in time order (for concatenating their telemetry).
  public func frontClips(driveID: Int64) throws -> [ClipRecord] {
    try pool.read { db in
      try ClipRecord.filter(ClipRecord.Columns.driveId == driveID && ClipRecord.Columns.camera == Camera.front)
        .order(ClipRecord.Columns.nameTimeLocal, ClipRecord.Columns.path).fetchAll(db)
    }
  }

  /// Drives holding a clip written by ingest run `runID`: the ones whose events must be redone.
  public func driveIDs(touchedByRun runID: Int64) throws -> [Int64] {
    try pool.read { db in
      try Int64.fetchAll(db, sql: """
        SELECT DISTINCT drive_id FROM clips WHERE ingest_run_id = ? AND drive_id IS NOT NULL ORDER BY drive_id
        """, arguments: [runID])
    }
  }

  /// Replaces a clip's telemetry (e.g. from a CSV that covers it).
  public func replaceTelemetry(clipID: Int64, with telemetry: StoredTelemetry) throws {
    try write { db in
      try db.execute(sql: "DELETE FROM telemetry WHERE clip_id = ?", arguments: [clipID])
      try telemetry.insert(clipID: clipID, into: db)
    }
  }

  /// Where each clip's stored telemetry came from (`sei`, `csv_canonical`, ...), by clip id.
  public func telemetrySources() throws -> [Int64: String] {
    try pool.read { db in
      Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT clip_id, source FROM telemetry").map {
        ($0["clip_id"] as Int64, $0["source"] as String)
      })
    }
  }

  /// Readable front clips (not Sentry), oldest first: the ones telemetry can be attached to.
  public func readableFrontClips() throws -> [ClipRecord] {
    try pool.read { db in
      try ClipRecord.filter(ClipRecord.Columns.camera == Camera.front && ["ok", "partial"].contains(ClipRecord.Columns.status))
        .order(ClipRecord.Columns.nameTimeLocal, ClipRecord.Columns.path).fetchAll(db)
    }
  }

  public func driveIDs() throws -> [Int64] {
    try pool.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM drives ORDER BY start_local") }
  }

  /// Active events matching `filter`, newest first: `taggedEvents`' one query and one filter
  /// (the month rule, the current verdict), without the tags.
  public func events(_ filter: EventFilter = EventFilter()) throws -> [EventRecord] {
    try taggedEvents(filter, newestFirst: true).map(\.event)
  }

  public func clip(id: Int64) throws -> ClipRecord? {
    try pool.read { db in try ClipRecord.fetchOne(db, key: id) }
  }
}
