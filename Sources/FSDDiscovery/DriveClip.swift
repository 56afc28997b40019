/// One front clip as drive grouping sees it: an id to hand back and a span of time.
public struct DriveClip: Sendable, Hashable {
  /// The caller's id (e.g. the clip's database row), returned untouched.
  public let id: Int64
  /// Start on any common clock (e.g. `LocalDateTime.secondsSinceEpochIgnoringZone`).
  public let startSeconds: Double
  public let durationSeconds: Double

  public init(id: Int64, startSeconds: Double, durationSeconds: Double) {
    self.id = id
    self.startSeconds = startSeconds
    self.durationSeconds = durationSeconds
  }
}
