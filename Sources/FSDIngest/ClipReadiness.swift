import FSDDiscovery
import FSDMedia
import Foundation

/// Which of the clips found in a watched folder are whole and may be ingested now (`FolderWatch`).
///
/// A clip being copied in must not be ingested: the car writes the `moov` index last, so a half
/// copy has none and would be recorded as a failed clip ("no moov box"), and a half copy of a
/// clip with its index first would be stored as a partial one. Both would be analysed again once
/// the copy is done (its size and fingerprint change), but in between `status` and the watch's
/// own output would report a failure that is not one. So a clip is handed over when its size and
/// modification time are the same at two polls in a row **and** `MP4Completeness` finds it
/// whole. A clip that stays the same size but never becomes whole (cut off when the car lost
/// power) is handed over after `incompleteAfterS` of no change, so that ingest records its
/// problem and the user hears of it.
///
/// Each clip is handed over once per (size, modification time): a clip that changes afterwards
/// is handed over again once it settles, and one that disappears (the stick unplugged) is
/// forgotten, so that it is handed over again when it comes back (ingest then finds it unchanged,
/// or at a new path).
public struct ClipReadiness: Sendable {
  /// What two polls compare.
  struct FileState: Equatable {
    let sizeBytes: Int64
    let mtimeS: Double
  }

  private struct Tracked {
    var state: FileState
    /// When this state was first seen.
    var seenAt: Date
    var handedOver: Bool
  }

  /// Seconds a clip that never becomes whole waits, unchanged, before it is ingested anyway.
  public let incompleteAfterS: Double
  private var tracked: [String: Tracked] = [:]

  public init(incompleteAfterS: Double) {
    self.incompleteAfterS = incompleteAfterS
  }

  /// Clips seen that are not handed over yet: still being written, or not yet seen unchanged twice.
  public var waitingCount: Int { tracked.values.count { !$0.handedOver } }

  /// Takes this poll's clips (all clips found under the watched paths) and returns those to
  /// ingest now, in the order given. `isComplete` is `MP4Completeness.isComplete` outside tests.
  public mutating func poll(_ clips: [ClipFile], now: Date,
                            isComplete: (String) -> Bool = MP4Completeness.isComplete) -> [ClipFile] {
    var ready: [ClipFile] = []
    var seen = Set<String>()
    for clip in clips {
      guard let state = Self.state(of: clip.path) else { continue }  // gone since the walk
      seen.insert(clip.path)
      guard var entry = tracked[clip.path], entry.state == state else {
        tracked[clip.path] = Tracked(state: state, seenAt: now, handedOver: false)
        continue
      }
      if entry.handedOver { continue }
      if isComplete(clip.path) || now.timeIntervalSince(entry.seenAt) >= incompleteAfterS {
        entry.handedOver = true
        tracked[clip.path] = entry
        ready.append(clip)
      }
    }
    tracked = tracked.filter { seen.contains($0.key) }
    return ready
  }

  static func state(of path: String) -> FileState? {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
    return FileState(sizeBytes: (attributes[.size] as? NSNumber)?.int64Value ?? 0,
                     mtimeS: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
  }
}
