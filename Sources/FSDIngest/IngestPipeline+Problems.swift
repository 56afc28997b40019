import FSDDomain
import FSDDiscovery
import FSDStore
import Foundation

/// Rows for the paths ingest cannot read, so `fsdlog status` names every one with its reason,
/// and the rule that a problem recorded before, on a file unchanged since, is not a new failure.
extension IngestPipeline {
  /// A recorded problem the file has not changed since: reported again, not counted, not re-read.
  func knownProblem(_ existing: ClipRecord, camera: Camera) -> ClipOutcome {
    let recorded = existing.status == .notVideo ? "not video" : existing.status.rawValue
    return ClipOutcome(path: existing.path, camera: camera, kind: .knownProblem,
                       reason: "\(recorded) when first seen, unchanged since: \(existing.error ?? "no reason recorded")")
  }

  /// Whether `existing` records this same problem on this same file, so writing it again would
  /// say nothing new.
  func isRecorded(_ record: ClipRecord, as existing: ClipRecord?) -> Bool {
    guard !options.force, let existing else { return false }
    return existing.status == record.status && existing.error == record.error
      && existing.sizeBytes == record.sizeBytes && existing.mtimeS == record.mtimeS
      && existing.fingerprint == record.fingerprint && existing.analysisVersion == record.analysisVersion
  }

  /// Records a path the walk could not take as a clip (`SkippedPath`): a FIFO or socket named like
  /// a clip is `not_video`; an unreadable folder, a name that is not UTF-8, a link to nothing are
  /// `failed`. A readable clip stored earlier under the same path keeps its row and data.
  func recordSkipped(_ skipped: SkippedPath, runID: Int64?) throws -> ClipOutcome {
    let status: ClipRecord.Status = skipped.kind == .notAClip ? .notVideo : .failed
    let kind: ClipOutcome.Kind = status == .notVideo ? .notVideo : .failed
    // lstat, not stat: a link to nothing has no target to measure, the link itself still has a time.
    let attributes = try? FileManager.default.attributesOfItem(atPath: skipped.path)
    var record = ClipRecord(
      path: skipped.path, sizeBytes: (attributes?[.size] as? NSNumber)?.int64Value ?? 0,
      mtimeS: (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
      fingerprint: Self.notReadFingerprint, camera: skipped.camera, source: skipped.source.rawValue, status: status,
      analysisVersion: IngestOptions.analysisVersion, ingestedAt: Timestamps.nowUTC())
    record.error = skipped.reason
    record.ingestRunId = runID
    return try save(record, camera: skipped.camera, kind: kind)
  }

  /// Records a clip whose file exists but cannot be read (permissions): size and time from stat,
  /// no fingerprint. Nil when the file is gone altogether (the car recycles RecentClips).
  func recordUnreadable(_ clip: ClipFile, reason: String, eventFolderID: Int64?, runID: Int64?) throws -> ClipOutcome? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: clip.path) else { return nil }
    var record = ClipRecord(
      path: clip.path, sizeBytes: (attributes[.size] as? NSNumber)?.int64Value ?? 0,
      mtimeS: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0,
      fingerprint: Self.notReadFingerprint, camera: clip.camera, source: clip.source.rawValue, status: .failed,
      analysisVersion: IngestOptions.analysisVersion, ingestedAt: Timestamps.nowUTC())
    record.error = reason
    record.eventFolderId = eventFolderID
    record.nameTimeLocal = clip.nameTime?.description
    record.ingestRunId = runID
    return try save(record, camera: clip.camera, kind: .failed)
  }

  /// Stands in for a fingerprint when the file's bytes could not be read: a file that becomes
  /// readable gets a real one, which differs, so it is analysed then.
  static let notReadFingerprint = "none: not read"

  private func save(_ record: ClipRecord, camera: Camera, kind: ClipOutcome.Kind) throws -> ClipOutcome {
    let existing = try store.clip(path: record.path)
    if isRecorded(record, as: existing), let existing { return knownProblem(existing, camera: camera) }
    if let existing, existing.status == .ok || existing.status == .partial {
      // What was read before stays: the file may be readable again tomorrow (a drive remounted).
      return ClipOutcome(path: record.path, camera: camera, kind: kind,
                         reason: (record.error ?? "") + " (what was read from it before is kept)")
    }
    try store.saveClip(record, motion: nil)
    return ClipOutcome(path: record.path, camera: camera, kind: kind, reason: record.error)
  }
}
