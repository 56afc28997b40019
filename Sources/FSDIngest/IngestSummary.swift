import Foundation

/// The end-of-run account `fsdlog ingest` prints (and emits as JSON with `--json`).
public struct IngestSummary: Sendable, Codable, Equatable {
  public struct Problem: Sendable, Codable, Equatable {
    public let path: String
    public let kind: ClipOutcome.Kind
    public let reason: String
  }

  public var database: String
  public var runID: Int64?
  public var clipsFound = 0
  /// Clips analysed and written this run, partial ones included.
  public var ingested = 0
  /// Of those, clips whose file ended early: the frames that decoded were kept.
  public var partial = 0
  /// Already in the database, unchanged: not read again.
  public var unchanged = 0
  /// Files named .mp4 that are not videos (empty, or not MP4): recorded and skipped.
  public var notVideo = 0
  public var failed = 0
  /// Files recorded as failed or not video by an earlier run and unchanged since: listed in
  /// `problems` again, but not a new failure (they do not set the exit status).
  public var knownProblems = 0
  /// Clips the database knew under another path, which is gone: the stored row took the path
  /// found now, with its analysis, events and tags (counted in `unchanged`, or in `ingested` when
  /// the file's time changed too).
  public var movedClips = 0
  /// Files with the same content as a clip stored under a path that still holds it, or found
  /// earlier in this run: not read, no row of their own (`ClipOutcome.Kind.copy`).
  public var copies = 0
  public var interrupted = false
  public var framesDecoded = 0
  public var wallSeconds = 0.0
  public var peakMemoryMB = 0.0
  public var drives = 0
  /// Events found in the drives this run touched.
  public var events = 0
  /// The evidence library: events whose footage this run kept, its size, where it lies, and
  /// events whose footage could not be kept (with why).
  public var evidenceKept = 0
  public var evidenceBytes: Int64 = 0
  public var evidenceFolder: String?
  public var evidenceFailures: [Problem] = []
  public var encryptedFolders: [String] = []
  /// Telemetry CSVs and what became of them.
  public var telemetryFiles: [TelemetryFile] = []

  public struct TelemetryFile: Sendable, Codable, Equatable {
    public let path: String
    public let clipsAttached: Int
    public let problem: String?
    public let summary: String
    enum CodingKeys: String, CodingKey { case path, clipsAttached = "clips_attached", problem, summary }
  }
  public var problems: [Problem] = []
  /// Clips whose clock needs saying: the file name overruled the MP4 creation time, or the file's
  /// modification time placed the clip (neither name nor MP4 had a time).
  public var clockNotes: [ClockNote] = []

  public struct ClockNote: Sendable, Codable, Equatable {
    public let path: String
    public let note: String
  }

  public var framesPerSecond: Double { wallSeconds > 0 ? Double(framesDecoded) / wallSeconds : 0 }

  /// Non-zero when any clip failed or the run was interrupted, so scripts can tell. A failure
  /// recorded by an earlier run on a file unchanged since is not new: it does not count.
  public var exitCode: Int32 {
    interrupted ? 130 : (failed > 0 || telemetryFiles.contains { $0.problem != nil } ? 1 : 0)
  }

  enum CodingKeys: String, CodingKey {
    case database, runID = "run_id", clipsFound = "clips_found", ingested, partial, unchanged
    case notVideo = "not_video", failed, knownProblems = "known_problems", interrupted, framesDecoded = "frames_decoded"
    case movedClips = "moved", copies
    case wallSeconds = "wall_s", peakMemoryMB = "peak_memory_mb", drives, events
    case encryptedFolders = "encrypted_folders", problems, telemetryFiles = "telemetry_files"
    case clockNotes = "clock_notes"
    case evidenceKept = "evidence_kept", evidenceBytes = "evidence_bytes", evidenceFolder = "evidence_folder"
    case evidenceFailures = "evidence_failures"
  }
}
