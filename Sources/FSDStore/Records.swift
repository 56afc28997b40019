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

  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

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

  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
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

  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
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

  public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
  public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
