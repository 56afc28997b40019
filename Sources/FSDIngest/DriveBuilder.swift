import FSDDiscovery
import FSDStore
import Foundation

/// Regroups every readable front clip in the database into drives after an ingest.
///
/// Grouping is global, not per run: a clip ingested today can join a drive from yesterday's run.
/// Times are the car-local file-name times (every Tesla clip has one, and they share a clock);
/// clips without one fall back to their MP4 creation time.
enum DriveBuilder {
  static func rebuild(in store: Store) throws -> Int {
    let clips = try store.driveCandidateClips()
    var byID: [Int64: ClipRecord] = [:]
    var timed: [DriveClip] = []
    for clip in clips {
      guard let id = clip.id, let start = startSeconds(clip) else { continue }
      byID[id] = clip
      timed.append(DriveClip(id: id, startSeconds: start, durationSeconds: clip.durationS ?? 0))
    }
    let groups = DriveGrouping.group(timed)
    let drives = groups.map { group -> (drive: DriveRecord, clipIDs: [Int64]) in
      let first = group[0]
      let endSeconds = group.map { $0.startSeconds + $0.durationSeconds }.max() ?? first.startSeconds
      let drive = DriveRecord(
        startLocal: localText(first.startSeconds), endLocal: localText(endSeconds),
        startUtc: byID[first.id]?.startUtc, clipCount: group.count,
        durationS: group.reduce(0) { $0 + $1.durationSeconds })
      return (drive, group.map(\.id))
    }
    try store.replaceDrives(drives)
    return drives.count
  }

  private static func startSeconds(_ clip: ClipRecord) -> Double? {
    if let text = clip.nameTimeLocal, let time = LocalDateTime(iso: text) {
      return Double(time.secondsSinceEpochIgnoringZone)
    }
    if let text = clip.startUtc, let date = ISO8601DateFormatter().date(from: text) {
      return date.timeIntervalSince1970
    }
    return nil
  }

  /// Formats seconds-since-epoch (zone ignored) back as car-local ISO text.
  private static func localText(_ seconds: Double) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate, .withTime, .withDashSeparatorInDate, .withColonSeparatorInTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: seconds.rounded(.down)))
  }
}
