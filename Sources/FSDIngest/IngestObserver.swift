/// Receives progress from the ingest pipeline. Called from worker threads.
public protocol IngestObserver: Sendable {
  /// Once, after discovery: how many clips there are and how many bytes of video (the work).
  func planned(clips: Int, bytes: Int64, encryptedFolders: [String])
  /// A clip finished (any outcome). `bytesDone` counts all finished clips so far.
  func finished(_ outcome: ClipOutcome, clipsDone: Int, bytesDone: Int64, framesDone: Int)
}
