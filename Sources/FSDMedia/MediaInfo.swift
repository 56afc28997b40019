import Foundation

/// What a clip is, read from its container without decoding a frame.
public struct MediaInfo: Sendable, Equatable {
  public var codecName: String
  public var width: Int
  public var height: Int
  public var timeBaseNumerator: Int32
  public var timeBaseDenominator: Int32
  /// Container duration; nil when the container does not say.
  public var durationSeconds: Double?
  /// Frames the container's index lists (0 when unknown). A clip whose mdat was cut short
  /// lists more than can be read. Counted from the sample table FFmpeg built (memory it holds),
  /// never from a count field alone: a damaged 'stts' can claim four billion frames.
  public var indexedFrameCount: Int
  /// The mvhd creation time (Tesla: the GPS-derived UTC start of the clip), when present.
  public var creationTime: Date?
  /// What is wrong with the index, when some of its numbers cannot be true (a frame count or a
  /// duration the file cannot hold). Those numbers are not used; the frames are still read.
  public var indexProblems: [String] = []

  public var timeBaseSeconds: Double { Double(timeBaseNumerator) / Double(timeBaseDenominator) }
}
