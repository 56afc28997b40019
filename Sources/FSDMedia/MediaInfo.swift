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
  /// lists more than can be read.
  public var indexedFrameCount: Int
  /// The mvhd creation time (Tesla: the GPS-derived UTC start of the clip), when present.
  public var creationTime: Date?

  public var timeBaseSeconds: Double { Double(timeBaseNumerator) / Double(timeBaseDenominator) }
}
