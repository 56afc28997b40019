import Foundation

/// How `MP4Encoder` encodes: H.264 (libx264) High profile, yuv420p, in an MP4 as TeslaCam writes.
public struct EncoderSettings: Sendable {
  public var width: Int
  public var height: Int
  public var framesPerSecond: Int
  /// MP4 track timescale. Tesla clips use fine timescales where frame durations are not whole
  /// ticks; 10000 reproduces that (frame times 1/36 s apart are rounded to 1/10000 s).
  public var timescale: Int32 = 10_000
  public var preset = "superfast"
  public var crf = 24
  public var keyframeInterval: Int?
  /// libx264 threads for this file (generation runs many files in parallel, so 1 by default).
  public var threads = 1
  /// Written as the mvhd creation time (Tesla: the GPS-derived UTC start of the clip).
  public var creationTime: Date?
  /// Put the moov index before the frame data (as a streaming-friendly writer would). A file
  /// written this way and then cut short keeps its index but loses frames.
  public var moovFirst = false

  public init(width: Int, height: Int, framesPerSecond: Int) {
    self.width = width
    self.height = height
    self.framesPerSecond = framesPerSecond
  }
}
