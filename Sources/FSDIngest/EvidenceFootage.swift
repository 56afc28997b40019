import FSDDomain
import FSDMedia
import FSDStore
import Foundation

/// Which clips an event's kept footage comes from. TeslaCam writes a clip a minute, so with 10 s
/// kept either side about a third of events reach into the clip before or after their own; the
/// footage runs on into that neighbour (the next or previous front clip of the same drive) when it
/// follows on without a gap (`joiningGapS`) and is still on disk.
struct EvidenceFootage: Equatable {
  /// The front camera's parts in time order, and which of them is the event's own clip.
  var parts: [MP4Snippet.Part]
  var anchor: Int

  /// Neighbouring clips further apart than this (s) are another moment, not the same footage.
  static let joiningGapS = 2.0
  /// Whether a clip's file is still there.
  static func onDisk(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  /// The stretch `fromS`...`toS` (seconds into `clip`, the event's front clip; either may lie
  /// outside it) among `driveClips` (the drive's front clips in time order).
  init(clip: ClipRecord, fromS: Double, toS: Double, driveClips: [ClipRecord],
       exists: (String) -> Bool = EvidenceFootage.onDisk) {
    parts = [MP4Snippet.Part(path: clip.path, fromSeconds: max(0, fromS), toSeconds: toS)]
    anchor = 0
    guard let start = ClipClock.utcStartS(clip), let index = driveClips.firstIndex(where: { $0.id == clip.id }) else { return }
    if fromS < 0, index > 0, let before = Self.neighbour(driveClips[index - 1], from: start, exists: exists),
       before.offsetS + before.lengthS >= -Self.joiningGapS, fromS - before.offsetS < before.lengthS {
      parts.insert(MP4Snippet.Part(path: before.path, fromSeconds: max(0, fromS - before.offsetS), toSeconds: before.lengthS), at: 0)
      anchor = 1
    }
    if let length = clip.durationS, toS > length, index + 1 < driveClips.count,
       let after = Self.neighbour(driveClips[index + 1], from: start, exists: exists),
       after.offsetS <= length + Self.joiningGapS, toS - after.offsetS > 0 {
      parts.append(MP4Snippet.Part(path: after.path, fromSeconds: 0, toSeconds: toS - after.offsetS))
    }
  }

  /// The same stretch from another camera: each part's sibling clip, those that exist. Nil when the
  /// event's own clip has no sibling for that camera.
  func sibling(_ camera: Camera, exists: (String) -> Bool = EvidenceFootage.onDisk) -> EvidenceFootage? {
    var result = EvidenceFootage(parts: [], anchor: 0)
    for (index, part) in parts.enumerated() {
      guard let path = camera.siblingPath(ofFrontClip: part.path), exists(path) else {
        if index == anchor { return nil }
        continue
      }
      if index == anchor { result.anchor = result.parts.count }
      result.parts.append(MP4Snippet.Part(path: path, fromSeconds: part.fromSeconds, toSeconds: part.toSeconds))
    }
    return result
  }

  private init(parts: [MP4Snippet.Part], anchor: Int) {
    self.parts = parts
    self.anchor = anchor
  }

  /// A neighbouring clip's start relative to the event's clip (s), its length and path, when it is
  /// on disk and its time and length are known.
  private static func neighbour(_ clip: ClipRecord, from start: Double, exists: (String) -> Bool)
    -> (offsetS: Double, lengthS: Double, path: String)? {
    guard let neighbourStart = ClipClock.utcStartS(clip), let length = clip.durationS, length > 0, exists(clip.path) else { return nil }
    return (neighbourStart - start, length, clip.path)
  }
}
