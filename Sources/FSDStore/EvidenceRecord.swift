import GRDB

/// One row of `evidence`: where an event's kept footage lies in the library and what it holds.
/// The folder is relative to the library (`Store.evidenceRoot`), so a database moved together
/// with its library still finds it.
public struct EvidenceRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
  public static let databaseTableName = "evidence"

  public var eventId: Int64
  /// "2026-11/2026-11-02_08-14-45-brake-12", relative to the library.
  public var folder: String
  /// The front clip holding the peak (the footage may run on into its neighbours).
  public var clipId: Int64?
  /// Where the kept footage starts on that clip's clock (s; negative when it starts in the clip
  /// before): the event's peak lies at its offset minus this in the kept files (a stream copy
  /// starts at a keyframe, a little before what was asked).
  public var snippetStartS: Double
  /// Camera files kept (the front one at least).
  public var cameras: Int
  public var sizeBytes: Int64
  /// UTC ISO 8601 with milliseconds.
  public var madeAt: String

  public init(eventId: Int64, folder: String, clipId: Int64?, snippetStartS: Double, cameras: Int, sizeBytes: Int64,
              madeAt: String) {
    self.eventId = eventId
    self.folder = folder
    self.clipId = clipId
    self.snippetStartS = snippetStartS
    self.cameras = cameras
    self.sizeBytes = sizeBytes
    self.madeAt = madeAt
  }

  /// The table's column names, once.
  enum CodingKeys: String, CodingKey {
    case eventId = "event_id"
    case folder
    case clipId = "clip_id"
    case snippetStartS = "snippet_start_s"
    case cameras
    case sizeBytes = "size_bytes"
    case madeAt = "made_at"
  }

  public enum Columns {
    public static let eventId = Column(CodingKeys.eventId)
    public static let madeAt = Column(CodingKeys.madeAt)
  }

  /// The kept file of `camera` in a folder: named like TeslaCam's own files
  /// ("2026-11-02_08-14-45-brake-12-front.mp4"), so a person browsing the library can tell them
  /// apart and the preview finds the other cameras beside the front one.
  public static func fileName(folder: String, camera: String) -> String {
    let base = folder.split(separator: "/").last.map(String.init) ?? folder
    return "\(base)-\(camera).mp4"
  }

  /// The peak frame, as a PNG beside the footage.
  public static func peakImageName(folder: String) -> String {
    let base = folder.split(separator: "/").last.map(String.init) ?? folder
    return "\(base)-peak.png"
  }
}
