/// Groups front clips into drives: consecutive clips (sorted by start) whose gap, next start
/// minus the end of the clips before it, is at most `maxGapSeconds`.
public enum DriveGrouping {
  /// Clips of one drive follow each other within seconds; a stop of two minutes or more is
  /// treated as the car having been parked.
  public static let defaultMaxGapSeconds: Double = 120

  /// - Returns: groups sorted by start, each sorted by start (then id). Overlapping clips,
  ///   such as a SavedClips copy of a RecentClips clip, land in the same drive.
  public static func group(_ clips: [DriveClip], maxGapSeconds: Double = defaultMaxGapSeconds) -> [[DriveClip]] {
    let sorted = clips.sorted { ($0.startSeconds, $0.id) < ($1.startSeconds, $1.id) }
    var groups: [[DriveClip]] = []
    var current: [DriveClip] = []
    // The latest end seen in the current drive, not just the previous clip's end: a short
    // truncated copy overlapping a full clip must not make the next clip look late.
    var currentEndSeconds = -Double.infinity
    for clip in sorted {
      if !current.isEmpty && clip.startSeconds - currentEndSeconds > maxGapSeconds {
        groups.append(current)
        current = []
        currentEndSeconds = -Double.infinity
      }
      current.append(clip)
      currentEndSeconds = max(currentEndSeconds, clip.startSeconds + usableDuration(clip))
    }
    if !current.isEmpty { groups.append(current) }
    return groups
  }

  /// A clip whose duration could not be read (NaN, negative) still occupies its start instant.
  private static func usableDuration(_ clip: DriveClip) -> Double {
    clip.durationSeconds.isFinite && clip.durationSeconds > 0 ? clip.durationSeconds : 0
  }
}
