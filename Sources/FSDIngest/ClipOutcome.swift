import FSDDomain

/// What ingest did with one clip.
public struct ClipOutcome: Sendable, Equatable {
  public enum Kind: String, Sendable, Codable {
    /// Analysed and stored; `partial` when the file ended early (frames that decoded are kept).
    case ingested, partial
    /// Already in the database with the same identity and analysis version.
    case unchanged
    /// Not a video at all (empty file, not an MP4): recorded and skipped.
    case notVideo = "not_video"
    /// A video that could not be read (for example no moov box): recorded with the reason.
    case failed
    /// Stopped by Ctrl-C before it finished: nothing of it was written.
    case interrupted
    /// Recorded as failed or not video by an earlier run and unchanged since (same size,
    /// modification time and fingerprint, same analysis version): not read again, and reported
    /// with its recorded reason rather than counted as a new failure, so a rerun over the same
    /// damaged clip does not fail again. `--force` reads it again.
    case knownProblem = "known_problem"
    /// The same content (size and fingerprint, camera, file-name time, folder kind) as a clip the
    /// database holds under another path that still has it, or that this run found first (the
    /// stick and a copy of it): not read, and no row of its own, so it is counted once
    /// (`ClipRecognition`).
    case copy
  }

  public let path: String
  public let camera: Camera
  public let kind: Kind
  public let framesDecoded: Int
  public let reason: String?
  public let seconds: Double
  /// What to say about the clip's clock: a creation time the file name overrules, or a clip
  /// placed by its file's modification time (`ClipTimeChoice`).
  public let clockNote: String?

  public init(path: String, camera: Camera, kind: Kind, framesDecoded: Int = 0, reason: String? = nil, seconds: Double = 0,
              clockNote: String? = nil) {
    self.clockNote = clockNote
    self.path = path
    self.camera = camera
    self.kind = kind
    self.framesDecoded = framesDecoded
    self.reason = reason
    self.seconds = seconds
  }
}
