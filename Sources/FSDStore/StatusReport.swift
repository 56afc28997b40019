import GRDB

/// What `fsdlog status` shows: a summary of what the database holds.
public struct StatusReport: Sendable, Equatable {
  public struct FailedClip: Sendable, Equatable { public let path: String; public let status: String; public let error: String }
  public struct CameraCount: Sendable, Equatable { public let camera: String; public let clips: Int }

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

  public var totalClips: Int { clipsByStatus.values.reduce(0, +) }
}

extension Store {
  public func statusReport(problemLimit: Int = 50) throws -> StatusReport {
    try pool.read { db in
      var report = StatusReport()
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
        FROM clips WHERE camera = 'front' AND status IN ('ok', 'partial')
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
      report.lastRun = try IngestRunRecord.order(Column("id").desc).fetchOne(db)
      return report
    }
  }
}
