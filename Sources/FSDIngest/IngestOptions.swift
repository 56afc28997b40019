import FSDMedia
import Foundation

/// How `fsdlog ingest` runs.
public struct IngestOptions: Sendable {
  /// Clips analysed at once, each with its own decoder.
  public var jobs: Int
  /// Re-analyse clips even when they are already in the database unchanged.
  public var force: Bool
  public var decode: DecodeOptions.Quality
  /// Decoder threads per clip; nil picks cores ÷ clips in flight, so one clip still uses every core.
  public var decoderThreads: Int?

  public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false,
              decode: DecodeOptions.Quality = .analysis, decoderThreads: Int? = nil) {
    self.jobs = max(1, jobs)
    self.force = force
    self.decode = decode
    self.decoderThreads = decoderThreads
  }

  /// Bumped whenever what ingest computes per clip changes, so old rows are redone on the next run.
  public static let analysisVersion = 1
  public static let toolVersion = "0.1.0"
}
