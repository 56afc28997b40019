/// How to decode frames.
public struct DecodeOptions: Sendable, Equatable {
  /// `analysis` skips H.264's deblocking (loop) filter: frames are a little blockier, which the
  /// motion metrics do not care about, and decoding is markedly faster (see tools/bench).
  /// `exact` decodes as any player does; `mafd` then matches FFmpeg's `scdet` bit for bit.
  public enum Quality: String, Sendable, CaseIterable { case analysis, exact }

  public var quality: Quality
  /// Decoder threads for this one clip. Ingest runs clips in parallel, so 1 is usually right.
  public var threads: Int

  public init(quality: Quality = .analysis, threads: Int = 1) {
    self.quality = quality
    self.threads = max(1, threads)
  }
}

/// What happened while reading a clip to its end.
public struct DecodeOutcome: Sendable, Equatable {
  public var framesDecoded = 0
  public var packetsRead = 0
  /// Packets the container index promised (0 when it did not say).
  public var packetsIndexed = 0
  /// Packets the decoder rejected as damaged.
  public var damagedPackets = 0
  /// The demuxer stopped with an error other than a clean end of file.
  public var readError: String?
  /// The caller asked to stop (for example on Ctrl-C).
  public var stoppedEarly = false

  /// The file ends before the data its index describes: the frames read are real, the rest is gone.
  public var isCutShort: Bool {
    readError != nil || (packetsIndexed > 0 && packetsRead < packetsIndexed)
  }
}
