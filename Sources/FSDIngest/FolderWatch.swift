import FSDDiscovery
import Foundation

/// `fsdlog watch`: ingests the clips that appear under some paths until it is cancelled.
///
/// It polls: every `intervalS` it walks the paths again (`Discovery`, folder listings only),
/// and hands the clips `ClipReadiness` finds whole and not handed over yet to the ordinary
/// `IngestPipeline`, which recognises moved and copied clips and skips unchanged ones. It does not
/// use inotify: the folders it is for are a USB stick and a NAS share, and inotify reports only
/// changes made through this machine's kernel (not a TeslaUSB box writing to the NFS or SMB share
/// from elsewhere), nothing survives an unmount, and it needs a watch per folder. A walk every
/// few seconds reads directory listings only and sees every change wherever it came from.
///
/// A path that disappears (the stick unplugged, the share unmounted) is reported once and waited
/// for; its clips are forgotten, and when it is back they are handed over again (unchanged ones
/// cost a stat and a fingerprint each). Cancellation (Ctrl-C, SIGTERM) stops the run in flight as
/// `fsdlog ingest` stops (finished clips kept, drives and events brought up to date) and ends the
/// watch.
public struct FolderWatch: Sendable {
  /// What the watch tells its user.
  public enum Event: Sendable {
    /// A watched path is not there at the start (with `fsdlog watch --wait`): waiting for it.
    case pathAbsent(String)
    /// A watched path that was there is gone (the stick unplugged): waiting for it to come back.
    case pathGone(String)
    /// A path reported absent or gone is there again.
    case pathBack(String)
    /// An EncryptedClips folder seen for the first time: its clips cannot be read off the car.
    case encryptedFolder(String)
    /// An ingest run over what had appeared or changed, and how it went.
    case ran(IngestSummary)
  }

  /// The account of a whole watch.
  public struct Totals: Sendable, Equatable {
    public var runs = 0
    public var ingested = 0
    public var failed = 0
    public var events = 0
    /// Clips seen but not ingested when the watch stopped: still being written, or seen once only.
    public var waitingClips = 0
    /// The watch was cancelled while a run was in flight: that run's finished clips are kept.
    public var interruptedRun = false
    public var seconds = 0.0
  }

  /// The paths as given: clips, event folders, TeslaCam folders, or any folder of clips.
  public let paths: [String]
  public let pipeline: IngestPipeline
  public let intervalS: Double
  public let incompleteAfterS: Double

  public init(paths: [String], pipeline: IngestPipeline, intervalS: Double, incompleteAfterS: Double) {
    self.paths = paths
    self.pipeline = pipeline
    self.intervalS = intervalS
    self.incompleteAfterS = incompleteAfterS
  }

  /// Watches until `pipeline.cancellation` is set. Throws only what stops ingest too (a database
  /// error); a path that disappears or cannot be walked for a moment is waited for.
  public func run(report: (Event) -> Void) throws -> Totals {
    let started = Date()
    var totals = Totals()
    var readiness = ClipReadiness(incompleteAfterS: incompleteAfterS)
    // Whether each path was there at the last poll (none before the first).
    var present: [String: Bool] = [:]
    // What earlier runs were given, so that only what is new or changed starts a run.
    var foldersGiven = Set<EventFolder>()
    var skippedGiven = Set<SkippedPath>()
    var skippedLastLook = Set<SkippedPath>()
    var encryptedSeen = Set<String>()

    while !pipeline.cancellation.isCancelled {
      var here: [String] = []
      for path in paths {
        let exists = FileManager.default.fileExists(atPath: path)
        if let before = present[path] {
          if exists != before { report(exists ? .pathBack(path) : .pathGone(path)) }
        } else if !exists {
          report(.pathAbsent(path))
        }
        present[path] = exists
        if exists { here.append(path) }
      }
      // A path that went between the check and the walk: this look is skipped (an empty one would
      // make every clip of the other paths look new at the next).
      guard let found = try? Discovery.discover(paths: here) else {
        sleep(seconds: intervalS)
        continue
      }
      for folder in found.encryptedFolders where encryptedSeen.insert(folder).inserted {
        report(.encryptedFolder(folder))
      }
      let ready = readiness.poll(found.clips, now: Date())
      // event.json may arrive after its clips (a copy goes in directory order): a folder that is
      // new or changed is saved again, by the next run of clips, or by a run of its own when no
      // clip is waiting to become whole.
      let folders = Set(found.eventFolders)
      let foldersChanged = !folders.isSubset(of: foldersGiven)
      // A path the walk could not take (an unreadable folder, a dangling link) is recorded as a
      // problem only when it is still so at the next look: a stick pulled out mid-walk, or a
      // folder created before its permissions are set, is no problem to keep.
      let skipped = found.skippedPaths.filter { skippedLastLook.contains($0) && !skippedGiven.contains($0) }
      skippedLastLook = Set(found.skippedPaths)
      if !ready.isEmpty || (foldersChanged && readiness.waitingCount == 0) || !skipped.isEmpty {
        // Every folder found goes in, so each ready clip finds its own folder's row.
        let batch = DiscoveryResult(clips: ready, eventFolders: found.eventFolders, skippedPaths: skipped)
        let summary = try pipeline.run(batch, arguments: paths)
        foldersGiven = folders
        skippedGiven.formUnion(skipped)
        totals.runs += 1
        totals.ingested += summary.ingested
        totals.failed += summary.failed
        totals.events += summary.events
        report(.ran(summary))
        if summary.interrupted {
          totals.interruptedRun = true
          break
        }
      }
      sleep(seconds: intervalS)
    }
    totals.waitingClips = readiness.waitingCount
    totals.seconds = Date().timeIntervalSince(started)
    return totals
  }

  /// Sleeps in short steps, so that a cancellation ends the watch within a tenth of a second.
  private func sleep(seconds: Double) {
    let until = Date().addingTimeInterval(seconds)
    while !pipeline.cancellation.isCancelled, Date() < until {
      Thread.sleep(forTimeInterval: min(0.1, max(0, until.timeIntervalSinceNow)))
    }
  }
}
