import FSDDiscovery
import FSDStore
import Foundation

/// Regroups every readable front clip in the database into drives after an ingest.
///
/// Grouping is global, not per run: a clip ingested today can join a drive from yesterday's run.
/// Times are the file-name times (every Tesla clip has one, and they share a clock; another
/// dashcam's name time is that camera's clock); clips without one fall back to their UTC start:
/// the MP4 creation time, else the file's modification time minus the clip's length (ClipClock).
/// Such a clip is a drive of its own unless clips follow on within the grouping gap.
enum DriveBuilder {
  static func rebuild(in store: Store) throws -> Int {
    let clips = try store.driveCandidateClips()
    var byID: [Int64: ClipRecord] = [:]
    var timed: [DriveClip] = []
    for clip in clips {
      guard let id = clip.id, let start = ClipClock.localStartS(clip) ?? ClipClock.utcStartS(clip) else { continue }
      byID[id] = clip
      timed.append(DriveClip(id: id, startSeconds: start, durationSeconds: clip.durationS ?? 0))
    }
    let groups = DriveGrouping.group(timed)
    let drives = groups.map { group -> (drive: DriveRecord, clipIDs: [Int64]) in
      let first = group[0]
      let endSeconds = group.map { $0.startSeconds + $0.durationSeconds }.max() ?? first.startSeconds
      let drive = DriveRecord(
        startLocal: ClipClock.localText(first.startSeconds), endLocal: ClipClock.localText(endSeconds),
        startUtc: byID[first.id].flatMap(ClipClock.utcStartS).map { Timestamps.utc(Date(timeIntervalSince1970: $0)) },
        clipCount: group.count,
        durationS: group.reduce(0) { $0 + $1.durationSeconds })
      return (drive, group.map(\.id))
    }
    try store.replaceDrives(drives)
    return drives.count
  }
}
