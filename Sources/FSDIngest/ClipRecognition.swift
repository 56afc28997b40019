import FSDDomain
import FSDDiscovery
import FSDStore
import Foundation

/// Before any clip is analysed: which discovered files are clips the database already knows
/// under another path. A clip is known by its content (size and `ClipFingerprint`, with the
/// camera, file-name time and folder kind its name and place give), not by its path, so that a
/// TeslaCam tree mounted at a new path, or copied, is neither analysed again nor counted twice.
///
/// One row per clip is kept, the oldest (the one first analysed, which events and tags were
/// found on). It keeps its stored path while that path still holds the clip, so that ingesting
/// the stick and a laptop copy in turn does not move the row back and forth; a file found under
/// another path then is a copy (`.copy`): not analysed, no row of its own. When the stored path
/// no longer holds the clip (the stick mounted elsewhere, the tree renamed or moved), the row
/// takes the new path (`.moved`) and is judged unchanged or not there as any stored clip is.
///
/// Runs serially before the parallel analysis: a row that moves, or is folded into another, must
/// not be written by a worker at the same time. Reads a fingerprint only where the database or
/// this run holds another clip of the same size, camera, time and folder kind.
struct ClipRecognition {
  enum Finding: Equatable {
    /// The stored clip that was at `from` is this file: its row now has this path.
    case moved(from: String)
    /// The same content as the clip stored (or found earlier in this run) at `of`, which is kept.
    case copy(of: String)
  }

  struct Result {
    var findings: [String: Finding] = [:]
    /// Rows that took in rows of the same content stored twice before: their drives change.
    var keepersOfAbsorbed: [Int64] = []
  }

  let store: Store
  /// Ctrl-C stops the recognition between clips: what it did so far is whole (one transaction a
  /// clip), and the workers then start nothing.
  let cancellation: CancellationFlag

  /// What a clip's name and place say, and its size: a candidate for the same content.
  private struct NameKey: Hashable {
    let sizeBytes: Int64
    let camera: Camera
    let nameTimeLocal: String?
    let source: String
  }

  func recognize(_ clips: [ClipFile], sizes: [Int64], folderIDs: [String: Int64]) throws -> Result {
    var result = Result()
    // Files of this run not in the database, by what their name says: a second one with the same
    // fingerprint is a copy of the first (the stick and its copy given in one command).
    var newInThisRun: [NameKey: [(path: String, fingerprint: String?)]] = [:]
    for (index, clip) in clips.enumerated() where !cancellation.isCancelled {
      let key = NameKey(sizeBytes: sizes[index], camera: clip.camera, nameTimeLocal: clip.nameTime?.description,
                        source: clip.source.rawValue)
      // A row whose bytes were never read has no content to know it by.
      let stored = try store.clips(sizeBytes: key.sizeBytes, camera: key.camera, nameTimeLocal: key.nameTimeLocal,
                                   source: key.source).filter { $0.fingerprint != IngestPipeline.notReadFingerprint }
      // A row under this very path that is no candidate (its size changed in place, or its bytes
      // were never read): the path keeps it, and it is judged as any stored clip is, by path.
      let here = try store.clip(path: clip.path)
      if let here, !stored.contains(where: { $0.id == here.id }) { continue }
      let earlier = newInThisRun[key] ?? []
      guard stored.contains(where: { $0.path != clip.path }) || (here == nil && !earlier.isEmpty) else {
        if here == nil { newInThisRun[key, default: []].append((clip.path, nil)) }
        continue
      }
      // Unreadable now: the analysis says so, as for any clip.
      guard let fingerprint = try? ClipFingerprint.of(path: clip.path, sizeBytes: key.sizeBytes) else { continue }
      // Its content changed in place: analysed again, as any changed clip is.
      if let here, here.fingerprint != fingerprint { continue }

      let same = stored.filter { $0.fingerprint == fingerprint }
      if let keeper = same.first, let keeperID = keeper.id {
        let absorbed = same.dropFirst().compactMap(\.id)
        if !absorbed.isEmpty { result.keepersOfAbsorbed.append(keeperID) }
        if keeper.path == clip.path || Self.holds(keeper.path, sizeBytes: key.sizeBytes, fingerprint: fingerprint) {
          try store.keepOneClip(keeperID, absorbing: absorbed, movingTo: nil)
          if keeper.path != clip.path { result.findings[clip.path] = .copy(of: keeper.path) }
        } else {
          // A copy that did not keep modification times (cp without -p) is still the same bytes: the
          // row takes the file's time, so it is not analysed again. Except for a clip placed by
          // that time (`file_modified`): there the time is what the analysis read, and a changed
          // one is analysed again, as at any path.
          let mtime = keeper.timeSource == .fileModified ? nil
            : ((try? FileManager.default.attributesOfItem(atPath: clip.path))?[.modificationDate] as? Date)?
              .timeIntervalSince1970
          let location = ClipLocation(path: clip.path, source: key.source,
                                      eventFolderId: clip.eventFolderPath.flatMap { folderIDs[$0] }, mtimeS: mtime)
          try store.keepOneClip(keeperID, absorbing: absorbed, movingTo: location)
          result.findings[clip.path] = .moved(from: keeper.path)
        }
        continue
      }
      var siblings = earlier
      for index in siblings.indices where siblings[index].fingerprint == nil {
        siblings[index].fingerprint = try? ClipFingerprint.of(path: siblings[index].path, sizeBytes: key.sizeBytes)
      }
      if let first = siblings.first(where: { $0.fingerprint == fingerprint }) {
        result.findings[clip.path] = .copy(of: first.path)
      } else {
        siblings.append((clip.path, fingerprint))
      }
      newInThisRun[key] = siblings
    }
    return result
  }

  /// Whether `path` still holds the clip: a file of that size and fingerprint.
  static func holds(_ path: String, sizeBytes: Int64, fingerprint: String) -> Bool {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
          (attributes[.size] as? NSNumber)?.int64Value == sizeBytes
    else { return false }
    return (try? ClipFingerprint.of(path: path, sizeBytes: sizeBytes)) == fingerprint
  }
}
