import FSDDomain
import Foundation
import GRDB

/// One row of `clips`. Times are ISO 8601 text: `nameTimeLocal` is car-local without a zone
/// (from the file name), `startUTC` is the MP4 creation time with a `Z`; `timeSource` says which
/// clock places the clip (`ClipClock` reads them all).
public struct ClipRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "clips"

  public enum Status: String, Codable, Sendable, CaseIterable {
    case ok, partial, failed
    case notVideo = "not_video"
  }

  public var id: Int64?
  public var path: String
  public var sizeBytes: Int64
  public var mtimeS: Double
  public var fingerprint: String
  public var camera: Camera
  public var source: String
  public var eventFolderId: Int64?
  public var driveId: Int64?
  public var nameTimeLocal: String?
  public var startUtc: String?
  public var codec: String?
  public var width: Int?
  public var height: Int?
  public var timeBase: String?
  public var durationS: Double?
  public var frameCount: Int?
  public var status: Status
  public var error: String?
  public var analysisVersion: Int
  public var decodeQuality: String?
  public var ingestRunId: Int64?
  public var ingestedAt: String
  /// Decoded SEI telemetry records in the clip, and records that could not be decoded (nil: not scanned).
  public var seiRecords: Int?
  public var seiUndecodable: Int?
  /// How the clip was analysed: `full` (every frame decoded), `telemetry` (demux only: SEI covered it), `vision`.
  public var analysisMode: ClipAnalysisMode?
  /// Which clock the clip's start comes from (nil: not decided, the file could not be read).
  public var timeSource: ClipTimeSource?

  public init(
    path: String, sizeBytes: Int64, mtimeS: Double, fingerprint: String, camera: Camera,
    source: String, status: Status, analysisVersion: Int, ingestedAt: String
  ) {
    self.path = path
    self.sizeBytes = sizeBytes
    self.mtimeS = mtimeS
    self.fingerprint = fingerprint
    self.camera = camera
    self.source = source
    self.status = status
    self.analysisVersion = analysisVersion
    self.ingestedAt = ingestedAt
  }

  /// The table's column names, once: Codable reads and writes them, queries filter on `Columns`.
  enum CodingKeys: String, CodingKey {
    case id
    case path
    case sizeBytes = "size_bytes"
    case mtimeS = "mtime_s"
    case fingerprint
    case camera
    case source
    case eventFolderId = "event_folder_id"
    case driveId = "drive_id"
    case nameTimeLocal = "name_time_local"
    case startUtc = "start_utc"
    case codec
    case width
    case height
    case timeBase = "time_base"
    case durationS = "duration_s"
    case frameCount = "frame_count"
    case status
    case error
    case analysisVersion = "analysis_version"
    case decodeQuality = "decode_quality"
    case ingestRunId = "ingest_run_id"
    case ingestedAt = "ingested_at"
    case seiRecords = "sei_records"
    case seiUndecodable = "sei_undecodable"
    case analysisMode = "analysis_mode"
    case timeSource = "time_source"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let path = Column(CodingKeys.path)
    public static let sizeBytes = Column(CodingKeys.sizeBytes)
    public static let mtimeS = Column(CodingKeys.mtimeS)
    public static let fingerprint = Column(CodingKeys.fingerprint)
    public static let camera = Column(CodingKeys.camera)
    public static let source = Column(CodingKeys.source)
    public static let eventFolderId = Column(CodingKeys.eventFolderId)
    public static let driveId = Column(CodingKeys.driveId)
    public static let nameTimeLocal = Column(CodingKeys.nameTimeLocal)
    public static let startUtc = Column(CodingKeys.startUtc)
    public static let codec = Column(CodingKeys.codec)
    public static let width = Column(CodingKeys.width)
    public static let height = Column(CodingKeys.height)
    public static let timeBase = Column(CodingKeys.timeBase)
    public static let durationS = Column(CodingKeys.durationS)
    public static let frameCount = Column(CodingKeys.frameCount)
    public static let status = Column(CodingKeys.status)
    public static let error = Column(CodingKeys.error)
    public static let analysisVersion = Column(CodingKeys.analysisVersion)
    public static let decodeQuality = Column(CodingKeys.decodeQuality)
    public static let ingestRunId = Column(CodingKeys.ingestRunId)
    public static let ingestedAt = Column(CodingKeys.ingestedAt)
    public static let seiRecords = Column(CodingKeys.seiRecords)
    public static let seiUndecodable = Column(CodingKeys.seiUndecodable)
    public static let analysisMode = Column(CodingKeys.analysisMode)
    public static let timeSource = Column(CodingKeys.timeSource)
  }


  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One row of `event_folders`: a SavedClips/SentryClips folder and its event.json.
public struct EventFolderRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "event_folders"
  public var id: Int64?
  public var path: String
  public var source: String
  public var timestampLocal: String?
  public var city: String?
  public var street: String?
  public var estLat: Double?
  public var estLon: Double?
  public var reason: String?
  public var camera: String?
  public var eventJson: String?
  public var eventJsonError: String?
  public var thumbnailPath: String?

  public init(path: String, source: String) {
    self.path = path
    self.source = source
  }

  /// The table's column names, once: Codable reads and writes them, queries filter on `Columns`.
  enum CodingKeys: String, CodingKey {
    case id
    case path
    case source
    case timestampLocal = "timestamp_local"
    case city
    case street
    case estLat = "est_lat"
    case estLon = "est_lon"
    case reason
    case camera
    case eventJson = "event_json"
    case eventJsonError = "event_json_error"
    case thumbnailPath = "thumbnail_path"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let path = Column(CodingKeys.path)
    public static let source = Column(CodingKeys.source)
    public static let timestampLocal = Column(CodingKeys.timestampLocal)
    public static let city = Column(CodingKeys.city)
    public static let street = Column(CodingKeys.street)
    public static let estLat = Column(CodingKeys.estLat)
    public static let estLon = Column(CodingKeys.estLon)
    public static let reason = Column(CodingKeys.reason)
    public static let camera = Column(CodingKeys.camera)
    public static let eventJson = Column(CodingKeys.eventJson)
    public static let eventJsonError = Column(CodingKeys.eventJsonError)
    public static let thumbnailPath = Column(CodingKeys.thumbnailPath)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One row of `drives`: consecutive front clips with gaps of at most two minutes.
public struct DriveRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "drives"
  public var id: Int64?
  public var startLocal: String
  public var endLocal: String
  public var startUtc: String?
  public var clipCount: Int
  public var durationS: Double

  public init(id: Int64? = nil, startLocal: String, endLocal: String, startUtc: String?, clipCount: Int, durationS: Double) {
    self.id = id
    self.startLocal = startLocal
    self.endLocal = endLocal
    self.startUtc = startUtc
    self.clipCount = clipCount
    self.durationS = durationS
  }

  /// The table's column names, once: Codable reads and writes them, queries filter on `Columns`.
  enum CodingKeys: String, CodingKey {
    case id
    case startLocal = "start_local"
    case endLocal = "end_local"
    case startUtc = "start_utc"
    case clipCount = "clip_count"
    case durationS = "duration_s"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let startLocal = Column(CodingKeys.startLocal)
    public static let endLocal = Column(CodingKeys.endLocal)
    public static let startUtc = Column(CodingKeys.startUtc)
    public static let clipCount = Column(CodingKeys.clipCount)
    public static let durationS = Column(CodingKeys.durationS)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One row of `ingest_runs`.
public struct IngestRunRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
  public static let databaseTableName = "ingest_runs"
  public enum Status: String, Codable, Sendable { case running, completed, interrupted }

  public var id: Int64?
  public var startedAt: String
  public var finishedAt: String?
  public var status: Status
  public var paths: String
  public var jobs: Int
  public var force: Bool
  public var decodeQuality: String
  public var clipsIngested = 0
  public var clipsSkipped = 0
  public var clipsFailed = 0
  public var clipsPartial = 0
  public var framesDecoded = 0
  public var wallS: Double?
  public var toolVersion: String

  public init(startedAt: String, paths: String, jobs: Int, force: Bool, decodeQuality: String, toolVersion: String) {
    self.startedAt = startedAt
    self.status = .running
    self.paths = paths
    self.jobs = jobs
    self.force = force
    self.decodeQuality = decodeQuality
    self.toolVersion = toolVersion
  }

  /// The table's column names, once: Codable reads and writes them, queries filter on `Columns`.
  enum CodingKeys: String, CodingKey {
    case id
    case startedAt = "started_at"
    case finishedAt = "finished_at"
    case status
    case paths
    case jobs
    case force
    case decodeQuality = "decode_quality"
    case clipsIngested = "clips_ingested"
    case clipsSkipped = "clips_skipped"
    case clipsFailed = "clips_failed"
    case clipsPartial = "clips_partial"
    case framesDecoded = "frames_decoded"
    case wallS = "wall_s"
    case toolVersion = "tool_version"
  }

  public enum Columns {
    public static let id = Column(CodingKeys.id)
    public static let startedAt = Column(CodingKeys.startedAt)
    public static let finishedAt = Column(CodingKeys.finishedAt)
    public static let status = Column(CodingKeys.status)
    public static let paths = Column(CodingKeys.paths)
    public static let jobs = Column(CodingKeys.jobs)
    public static let force = Column(CodingKeys.force)
    public static let decodeQuality = Column(CodingKeys.decodeQuality)
    public static let clipsIngested = Column(CodingKeys.clipsIngested)
    public static let clipsSkipped = Column(CodingKeys.clipsSkipped)
    public static let clipsFailed = Column(CodingKeys.clipsFailed)
    public static let clipsPartial = Column(CodingKeys.clipsPartial)
    public static let framesDecoded = Column(CodingKeys.framesDecoded)
    public static let wallS = Column(CodingKeys.wallS)
    public static let toolVersion = Column(CodingKeys.toolVersion)
  }

  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
