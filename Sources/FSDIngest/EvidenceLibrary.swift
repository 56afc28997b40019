import FSDDomain
import FSDMedia
import FSDStore
import Foundation

/// Keeps each event's footage in the library beside the database (`Store.evidenceRoot`): a stream
/// copy (no re-encoding) of every camera from `marginS` before the onset to `marginS` after the
/// end, and the front camera's peak frame as a PNG. A Tesla overwrites RecentClips within about an
/// hour and a stick gets wiped or unplugged; the library is what review, `fsdlog event` and the
/// report fall back on when the clip is gone.
///
/// A folder is written under a temporary name and renamed into place before its row is stored,
/// so an interrupted ingest never leaves half-written files counted as evidence: a leftover
/// temporary folder is removed on the next run, and an event whose folder exists without a row is
/// simply kept again.
public struct EvidenceLibrary: Sendable {
  public let store: Store
  /// Seconds kept before the onset and after the end.
  public var marginS: Double

  public static let defaultMarginS = 10.0
  static let partialPrefix = ".partial-"

  public init(store: Store, marginS: Double = EvidenceLibrary.defaultMarginS) {
    self.store = store
    self.marginS = marginS
  }

  public struct Summary: Sendable, Equatable {
    /// An event whose footage could not be kept, and why (a clip gone before it was kept, a full disk).
    public struct Failure: Sendable, Equatable {
      public var eventID: Int64
      public var reason: String
    }

    public var kept = 0
    public var bytes: Int64 = 0
    public var failed: [Failure] = []
    public var interrupted = false
  }

  /// Keeps the footage of every active event that has none yet. `progress(done, total)` after
  /// each event; `isCancelled` is asked between events.
  public func update(isCancelled: () -> Bool = { false }, progress: (Int, Int) -> Void = { _, _ in }) throws -> Summary {
    removeLeftovers()
    let events = try store.eventsWithoutEvidence()
    var summary = Summary()
    for (index, event) in events.enumerated() {
      if isCancelled() { summary.interrupted = true; break }
      do {
        if let record = try keep(event) {
          summary.kept += 1
          summary.bytes += record.sizeBytes
        }
      } catch {
        summary.failed.append(.init(eventID: event.id ?? 0, reason: "\(error)"))
      }
      progress(index + 1, events.count)
    }
    return summary
  }

  /// Cuts one event's footage into its folder and records it. Nil when its clip is no longer
  /// there (nothing to keep; not an error: the library is a copy of what still exists).
  @discardableResult
  public func keep(_ event: EventRecord) throws -> EvidenceRecord? {
    guard let id = event.id, let clipID = event.clipId, let clip = try store.clip(id: clipID),
          FileManager.default.fileExists(atPath: clip.path), let peakOffsetS = event.offsetS else { return nil }
    let peakUTC = ClipClock.utcSeconds(event.peakUtc) ?? 0
    let fromS = peakOffsetS - (peakUTC - (ClipClock.utcSeconds(event.onsetUtc) ?? peakUTC)) - marginS
    let toS = peakOffsetS + ((ClipClock.utcSeconds(event.endUtc) ?? peakUTC) - peakUTC) + marginS
    let folder = Self.folderName(event, clip: clip)
    let root = store.evidenceRoot
    let final = (root as NSString).appendingPathComponent(folder)
    let partial = (root as NSString).appendingPathComponent(Self.partialPrefix + "\(id)-\(UUID().uuidString)")
    let files = FileManager.default
    try files.createDirectory(atPath: partial, withIntermediateDirectories: true)
    defer { try? files.removeItem(atPath: partial) }

    // The front clip first: its cut decides where the kept footage starts (in the clip before the
    // event's own when the footage reaches back into it: then before the clip's start).
    let driveClips = try clip.driveId.map { try store.frontClips(driveID: $0) } ?? [clip]
    let footage = EvidenceFootage(clip: clip, fromS: fromS, toS: toS, driveClips: driveClips)
    let frontName = EvidenceRecord.fileName(folder: folder, camera: Camera.front.rawValue)
    let front = try MP4Snippet.write(parts: footage.parts, anchor: footage.anchor,
                                     to: (partial as NSString).appendingPathComponent(frontName))
    let own = front.parts[footage.anchor]
    let snippetStartS = own.sourceStartSeconds - own.outputStartSeconds
    var cameras = 1
    for camera in Camera.sheetLayout where camera != .front {
      guard let side = footage.sibling(camera) else { continue }
      let name = EvidenceRecord.fileName(folder: folder, camera: camera.rawValue)
      // A side camera that cannot be cut is left out: the front camera is the evidence.
      if (try? MP4Snippet.write(parts: side.parts, anchor: side.anchor,
                                to: (partial as NSString).appendingPathComponent(name))) != nil {
        cameras += 1
      }
    }
    if let picture = try? MediaFile(path: clip.path).picture(atSeconds: peakOffsetS) {
      let width = min(picture.width, 640), height = max(2, (width * picture.height / max(picture.width, 1)) & ~1)
      try? picture.writePNG(to: (partial as NSString).appendingPathComponent(EvidenceRecord.peakImageName(folder: folder)),
                            width: width, height: height)
    }
    let size = try Self.size(ofFolder: partial)

    // Into place: a folder left by a run that died before its row was written is replaced.
    try files.createDirectory(atPath: (final as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    if files.fileExists(atPath: final) { try files.removeItem(atPath: final) }
    try files.moveItem(atPath: partial, toPath: final)
    let record = EvidenceRecord(eventId: id, folder: folder, clipId: clipID, snippetStartS: snippetStartS,
                                cameras: cameras, sizeBytes: size, madeAt: Store.now())
    try store.saveEvidence(record)
    return record
  }

  /// "2026-11/2026-11-02_08-14-45-brake-12": by month, then by the peak's car-local time (UTC
  /// when the clip has no name time), kind and event id, so a folder listing reads like a log.
  static func folderName(_ event: EventRecord, clip: ClipRecord) -> String {
    let time = String((ClipClock.peakLocal(clip, event) ?? event.peakUtc).prefix(19))
      .replacingOccurrences(of: "T", with: "_").replacingOccurrences(of: ":", with: "-")
    return "\(time.prefix(7))/\(time)-\(event.kind.rawValue)-\(event.id ?? 0)"
  }

  /// Temporary folders of runs that died mid-write: never evidence.
  func removeLeftovers() {
    let root = store.evidenceRoot
    for name in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] where name.hasPrefix(Self.partialPrefix) {
      try? FileManager.default.removeItem(atPath: (root as NSString).appendingPathComponent(name))
    }
  }

  static func size(ofFolder path: String) throws -> Int64 {
    try FileManager.default.contentsOfDirectory(atPath: path).reduce(Int64(0)) { total, name in
      let attributes = try FileManager.default.attributesOfItem(atPath: (path as NSString).appendingPathComponent(name))
      return total + ((attributes[.size] as? NSNumber)?.int64Value ?? 0)
    }
  }
}
