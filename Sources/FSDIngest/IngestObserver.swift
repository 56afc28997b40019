/// Receives progress from the ingest pipeline. Called from worker threads and a ticker thread.
public protocol IngestObserver: Sendable {
  /// Once, after discovery: how many clips there are and how many bytes of video (the work).
  func planned(_ progress: IngestProgress, encryptedFolders: [String])
  /// A clip finished (any outcome).
  func finished(_ outcome: ClipOutcome, progress: IngestProgress)
  /// About four times a second while clips are being read, for a live progress line.
  func tick(_ progress: IngestProgress)
  /// After each event whose footage went into the evidence library.
  func keepingEvidence(done: Int, of total: Int)
}

extension IngestObserver {
  public func tick(_ progress: IngestProgress) {}
  public func keepingEvidence(done: Int, of total: Int) {}
}
