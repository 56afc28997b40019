import FSDDomain
import Foundation
import GRDB

/// A drive as the trust statistics need it: when, how long, and distance and time by assistance
/// state (nil without telemetry: a vision-only drive knows neither).
public struct UsageRow: Sendable, Equatable {
  public var driveID: Int64
  /// Car-local start, ISO 8601 without a zone.
  public var startLocal: String
  public var durationS: Double
  public var hasTelemetry: Bool
  /// Footage missing inside the drive: the gaps between consecutive front clips beyond a few
  /// seconds (RecentClips overwritten before the stick was copied, a clip lost).
  public var missingS: Double
  public var fsdDistanceM, autosteerDistanceM, taccDistanceM, manualDistanceM: Double?
  public var fsdTimeS, autosteerTimeS, taccTimeS, manualTimeS: Double?

  public init(driveID: Int64, startLocal: String, durationS: Double, hasTelemetry: Bool, missingS: Double = 0,
              fsdDistanceM: Double? = nil, autosteerDistanceM: Double? = nil, taccDistanceM: Double? = nil,
              manualDistanceM: Double? = nil, fsdTimeS: Double? = nil, autosteerTimeS: Double? = nil,
              taccTimeS: Double? = nil, manualTimeS: Double? = nil) {
    self.driveID = driveID
    self.startLocal = startLocal
    self.durationS = durationS
    self.hasTelemetry = hasTelemetry
    self.missingS = missingS
    self.fsdDistanceM = fsdDistanceM
    self.autosteerDistanceM = autosteerDistanceM
    self.taccDistanceM = taccDistanceM
    self.manualDistanceM = manualDistanceM
    self.fsdTimeS = fsdTimeS
    self.autosteerTimeS = autosteerTimeS
    self.taccTimeS = taccTimeS
    self.manualTimeS = manualTimeS
  }
}

/// An active event with its current tag and where to find its picture, in one row.
public struct TaggedEvent: Sendable, Equatable {
  public var event: EventRecord
  /// Car-local time of the peak (clip file-name time + offset), when the clip is known.
  public var peakLocal: String?
  public var clipPath: String?
  /// The saved-clip folder's thumb.png, when the event's clip lies in one.
  public var thumbnailPath: String?
  /// The current tag state (untagged when never tagged or untagged since).
  public var state: TagState

  public init(event: EventRecord, peakLocal: String?, clipPath: String?, thumbnailPath: String?, state: TagState) {
    self.event = event
    self.peakLocal = peakLocal
    self.clipPath = clipPath
    self.thumbnailPath = thumbnailPath
    self.state = state
  }

  /// The car-local time when known, else UTC: what months and versions are counted by.
  public var whenLocal: String { peakLocal ?? event.peakUtc }
}

extension Store {
  /// Gaps between consecutive front clips of a drive longer than this are footage that is missing
  /// (clip starts are to the second and clips overlap by up to a second, so a few seconds is none).
  public static let missingFootageToleranceS = 5.0

  /// A `missing(drive_id, missing_s)` table expression: per drive, the seconds between consecutive
  /// front clips beyond the tolerance.
  static var missingFootageSQL: String {
    """
    front AS (
      SELECT drive_id, coalesce(name_time_local, substr(start_utc, 1, 19)) AS start, duration_s FROM clips
      WHERE camera = '\(Camera.front)' AND status IN ('ok', 'partial') AND drive_id IS NOT NULL AND duration_s IS NOT NULL),
    gaps AS (
      SELECT drive_id, (julianday(start) - julianday(lag(start) OVER w)) * 86400.0 - lag(duration_s) OVER w AS gap_s
      FROM front WINDOW w AS (PARTITION BY drive_id ORDER BY start)),
    missing AS (
      SELECT drive_id, sum(CASE WHEN gap_s > \(missingFootageToleranceS) THEN gap_s ELSE 0 END) AS missing_s
      FROM gaps GROUP BY drive_id)
    """
  }

  /// Every drive, oldest first, with its usage figures.
  public func usageRows() throws -> [UsageRow] {
    try pool.read { db in
      try Row.fetchAll(db, sql: """
        WITH \(Self.missingFootageSQL)
        SELECT d.id, d.start_local, d.duration_s, d.telemetry_source IS NOT NULL AS has_telemetry,
          coalesce(m.missing_s, 0) AS missing_s,
          d.fsd_distance_m, d.autosteer_distance_m, d.tacc_distance_m, d.manual_distance_m,
          d.fsd_time_s, d.autosteer_time_s, d.tacc_time_s, d.manual_time_s
        FROM drives d LEFT JOIN missing m ON m.drive_id = d.id ORDER BY d.start_local, d.id
        """).map { row in
        UsageRow(driveID: row["id"], startLocal: row["start_local"], durationS: row["duration_s"],
                 hasTelemetry: row["has_telemetry"], missingS: row["missing_s"], fsdDistanceM: row["fsd_distance_m"],
                 autosteerDistanceM: row["autosteer_distance_m"], taccDistanceM: row["tacc_distance_m"],
                 manualDistanceM: row["manual_distance_m"], fsdTimeS: row["fsd_time_s"],
                 autosteerTimeS: row["autosteer_time_s"], taccTimeS: row["tacc_time_s"],
                 manualTimeS: row["manual_time_s"])
      }
    }
  }

  /// The active events that pass `filter`, with their current tag, in one query (the report
  /// reads tens of thousands of these: one statement, the latest tag found by one index seek
  /// each). Oldest first, or newest first. `events`, `export`, the report and stats all list
  /// events through this.
  public func taggedEvents(_ filter: EventFilter = EventFilter(), newestFirst: Bool = false) throws -> [TaggedEvent] {
    var conditions = ["e.superseded_at IS NULL"], arguments: [any DatabaseValueConvertible] = []
    // The peak on the car's clock; its month is the one month rule of `events --month`,
    // `review --month`, the report and stats (UTC when the clip has no file-name time).
    let peakLocal = """
      CASE WHEN c.name_time_local IS NOT NULL AND e.offset_s IS NOT NULL
        THEN strftime('%Y-%m-%dT%H:%M:%S', c.name_time_local, printf('%+.3f seconds', e.offset_s)) END
      """
    if let month = filter.month {
      conditions.append("COALESCE(substr(\(peakLocal), 1, 7), substr(e.peak_utc, 1, 7)) = ?")
      arguments.append(month)
    }
    if let kind = filter.kind { conditions.append("e.kind = ?"); arguments.append(kind) }
    if let initiator = filter.initiator { conditions.append("e.initiator = ?"); arguments.append(initiator) }
    switch filter.verdict {
    case nil: break
    case .untagged: conditions.append("t.verdict IS NULL")
    case .verdict(let verdict): conditions.append("t.verdict = ?"); arguments.append(verdict.rawValue)
    }
    let order = newestFirst ? "e.peak_utc DESC, e.id DESC" : "e.peak_utc, e.id"
    return try pool.read { db in
      // Columns of `events` under their own names, so EventRecord decodes them from the row.
      try Row.fetchAll(db, sql: """
        SELECT e.*, \(peakLocal) AS x_peak_local,
          c.path AS x_clip_path, f.thumbnail_path AS x_thumbnail_path,
          t.verdict AS x_verdict, t.intervened AS x_intervened, t.critical AS x_critical, t.note AS x_note
        FROM events e
        LEFT JOIN clips c ON c.id = e.clip_id
        LEFT JOIN event_folders f ON f.id = c.event_folder_id
        LEFT JOIN tags t ON t.id = (SELECT max(id) FROM tags WHERE event_id = e.id)
        WHERE \(conditions.joined(separator: " AND "))
        ORDER BY \(order)
        """, arguments: StatementArguments(arguments)).map { row in
        let verdict = (row["x_verdict"] as String?).flatMap(Verdict.init(rawValue:))
        // An untag row keeps its note but clears the verdict and flags: "untagged".
        let state = TagState(verdict: verdict, intervened: row["x_intervened"] ?? false,
                             critical: row["x_critical"] ?? false, note: row["x_note"])
        return TaggedEvent(event: Self.eventRecord(row), peakLocal: row["x_peak_local"],
                           clipPath: row["x_clip_path"], thumbnailPath: row["x_thumbnail_path"], state: state)
      }
    }
  }

  /// Reads the `events` columns of a row by hand (by `EventRecord.Columns`): Codable decoding with
  /// snake-case key conversion cost most of the report's time on 10,000 events.
  static func eventRecord(_ row: Row) -> EventRecord {
    typealias C = EventRecord.Columns
    var record = EventRecord(kind: row[C.kind], onsetUtc: row[C.onsetUtc], peakUtc: row[C.peakUtc],
                             endUtc: row[C.endUtc], initiator: row[C.initiator], source: row[C.source],
                             confidence: row[C.confidence], detectedAt: row[C.detectedAt])
    record.id = row[C.id]
    record.driveId = row[C.driveId]
    record.clipId = row[C.clipId]
    record.severity = row[C.severity]
    record.offsetS = row[C.offsetS]
    record.cause = row[C.cause]
    record.peakDecelG = row[C.peakDecelG]
    record.peakLatG = row[C.peakLatG]
    record.speedBeforeMps = row[C.speedBeforeMps]
    record.speedAfterMps = row[C.speedAfterMps]
    record.autopilotState = row[C.autopilotState]
    record.lat = row[C.lat]
    record.lon = row[C.lon]
    record.rule = row[C.rule]
    record.thresholds = row[C.thresholds]
    record.supersededAt = row[C.supersededAt]
    return record
  }

  /// A drive's axis calibration JSON (which raw accelerometer axis is longitudinal), if any.
  public func axisCalibration(driveID: Int64) throws -> String? {
    try pool.read { db in
      try String.fetchOne(db, sql: "SELECT axis_calibration FROM drives WHERE id = ?", arguments: [driveID])
    }
  }
}
