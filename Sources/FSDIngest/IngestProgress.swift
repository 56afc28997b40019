import Foundation
import Synchronization

/// Where an ingest stands, as the observer sees it.
public struct IngestProgress: Sendable, Equatable {
  public var clipsDone = 0
  public var clipsTotal = 0
  /// Bytes of clip files processed, counting a clip being decoded in proportion to its frames,
  /// so the figure (and the ETA made from it) moves smoothly during long clips.
  public var bytesDone: Int64 = 0
  public var bytesTotal: Int64 = 0
  public var framesDecoded = 0
  public var elapsedS = 0.0

  public var framesPerSecond: Double { elapsedS > 0 ? Double(framesDecoded) / elapsedS : 0 }

  /// Seconds left, extrapolated from the bytes done so far; nil until there is something to go on.
  public var etaS: Double? {
    guard bytesDone > 0, elapsedS > 0.5 else { return nil }
    return elapsedS * Double(max(0, bytesTotal - bytesDone)) / Double(bytesDone)
  }
}

/// Counters the workers bump while they run (relaxed atomics: a frame costs one add).
final class ProgressMeter: Sendable {
  private let frames = Atomic<Int>(0)
  private let bytes = Atomic<Int>(0)
  private let clips = Atomic<Int>(0)
  private let started = Date()
  let clipsTotal: Int
  let bytesTotal: Int64

  init(clipsTotal: Int, bytesTotal: Int64) {
    self.clipsTotal = clipsTotal
    self.bytesTotal = bytesTotal
  }

  func frameDecoded(bytesShare: Int) {
    frames.add(1, ordering: .relaxed)
    bytes.add(bytesShare, ordering: .relaxed)
  }

  /// A clip finished: count its remaining bytes (all of them for a clip that was not decoded),
  /// or take back the frames of a clip that was abandoned.
  func clipFinished(remainingBytes: Int, uncountedFrames: Int = 0) {
    bytes.add(remainingBytes, ordering: .relaxed)
    frames.subtract(uncountedFrames, ordering: .relaxed)
    clips.add(1, ordering: .relaxed)
  }

  var snapshot: IngestProgress {
    IngestProgress(
      clipsDone: clips.load(ordering: .relaxed), clipsTotal: clipsTotal,
      bytesDone: Int64(bytes.load(ordering: .relaxed)), bytesTotal: bytesTotal,
      framesDecoded: frames.load(ordering: .relaxed), elapsedS: Date().timeIntervalSince(started))
  }
}
