import ArgumentParser
import FSDDetection
import FSDDiscovery
import FSDIngest
import FSDMedia
import Foundation

struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Ingest clips as they appear in a folder (a mounted stick, a NAS archive), until stopped.",
    discussion: """
      Looks at each PATH every --interval seconds and ingests the clips that appeared or changed, as \
      `fsdlog ingest` would (clips known under another path are not analysed again). A clip is ingested \
      once it is whole: its size unchanged since the last look and its MP4 index written, so a clip \
      being copied in is never recorded as a failure; one that stays unfinished for 10 minutes (cut \
      off when the car lost power) is ingested then, and its problem recorded.

      Prints a line for each run that ingested or found something, and nothing otherwise. A PATH \
      that disappears (the stick unplugged) is waited for, and what is new is ingested when it comes \
      back. A PATH that does not exist at the start is an error, unless --wait. Ctrl-C or SIGTERM \
      stops it cleanly (a run in flight keeps its finished clips) with exit status 0. \
      docs/watch.md shows how to run it as a systemd user service.
      """
  )

  @Argument(help: ArgumentHelp("A folder of clips (a TeslaCam folder, RecentClips, a NAS archive), an event folder, or a clip.",
                               valueName: "path"))
  var paths: [String]

  @Option(help: ArgumentHelp("Seconds between looks at the folders.", valueName: "seconds"))
  var interval: Double = 3

  @Flag(help: "Wait for a PATH that does not exist yet (a stick not plugged in) instead of stopping with an error.")
  var wait = false

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Clips analysed at once, one decoder each (default: number of cores; at most 4 per core).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("As for `fsdlog ingest`: auto, full or vision.", valueName: "auto|full|vision"))
  var mode: IngestOptions.Mode = .auto

  @Option(help: ArgumentHelp("Event thresholds as JSON (see docs/detection.md); missing keys keep their defaults.", valueName: "file"))
  var config: String?

  /// How long a clip that never becomes whole waits, unchanged, before it is ingested anyway;
  /// hidden, for tests (a real cut-off clip should not be called a failure while a slow copy stalls).
  @Option(help: ArgumentHelp("Seconds an unfinished clip waits unchanged before it is ingested anyway.", visibility: .hidden))
  var incompleteAfter: Double = 600

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    guard interval.isFinite, interval >= 0.1 else {
      throw ValidationError("--interval must be a number of seconds, at least 0.1; got \(interval)")
    }
    guard incompleteAfter.isFinite, incompleteAfter >= 0 else {
      throw ValidationError("--incomplete-after must be a number of seconds, 0 or more; got \(incompleteAfter)")
    }
  }

  func run() throws {
    try Console.run {
      FFmpegLog.setVerbose(false)
      // Checked before the database is touched: a typo writes nothing and does not wait forever.
      for path in paths {
        do {
          _ = try Discovery.discover(paths: [path])
        } catch let error as DiscoveryError {
          guard case .notFound = error else { throw Failure(message: error.description, exitCode: 2) }
          // Waited for with --wait: the watch says so on its first look.
          if !wait { throw Failure(message: error.description + " (--wait waits for it to appear)", exitCode: 2) }
        }
      }
      let detection = try DetectionConfig.fromOption(config)
      let store = try database.openForWriting()

      let cancellation = CancellationFlag()
      let interrupts = InterruptHandler(cancellation: cancellation, signals: [SIGINT, SIGTERM],
                                        message: "stopping (again to quit at once)")
      defer { interrupts.restore() }

      var options = IngestOptions(jobs: jobs, mode: mode)
      options.detection = detection
      let watch = FolderWatch(
        paths: paths, pipeline: IngestPipeline(store: store, options: options, cancellation: cancellation),
        intervalS: interval, incompleteAfterS: incompleteAfter)
      WatchText.emit(WatchText.start(paths: paths, intervalS: interval))
      let totals = try watch.run { WatchText.emit(WatchText.render($0)) }
      WatchText.emit(WatchText.render(totals))
    }
  }
}
