import ArgumentParser
import FSDDetection
import FSDDiscovery
import FSDIngest
import FSDMedia
import Foundation

struct IngestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ingest",
    abstract: "Read clips into the database: a clip, an event folder or a whole TeslaCam folder.",
    discussion: """
      Every .mp4 below each PATH is read. Front-camera clips carrying Tesla's SEI telemetry are read \
      without decoding (--mode auto); the others are decoded and every frame is scored by the motion \
      core. Telemetry CSVs given as PATH or --telemetry are attached to the clips they cover. Events \
      are then found over whole drives (see `fsdlog events`).

      Clips already in the database unchanged are skipped, so running again on the same folder is \
      quick. A clip that cannot be read is recorded with its reason and the others still go in; so is \
      every other path met that is not a readable clip (a FIFO or socket, a link to nothing, an \
      unreadable folder, a name that is not UTF-8): `fsdlog status` lists them. A problem recorded \
      before on a file unchanged since is reported again but not read again (--force does). \
      Exit status: 0 all went in; 1 a clip failed (not counting problems recorded before on unchanged \
      files) or a CSV could not be used; 2 nothing could \
      start (a bad path, an unwritable database); 130 interrupted with Ctrl-C (finished clips are \
      kept: run the same command again to continue).
      """
  )

  @Argument(help: ArgumentHelp("A .mp4 clip, an event folder, a TeslaCam folder, or a telemetry .csv.", valueName: "path"))
  var paths: [String]

  @Option(name: .customLong("telemetry"), help: ArgumentHelp(
    "A telemetry CSV (fsdlog canonical, Tesla SEI export, Track Mode, openpilot, Tessie; see docs/csv.md) to attach to the clips it covers. Repeatable.",
    valueName: "file"))
  var telemetryFiles: [String] = []

  @Option(parsing: .unconditional, help: ArgumentHelp("Seconds added to CSV times before matching them to clips (a CSV clock 2 s fast needs -2).", valueName: "seconds"))
  var offset: Double = 0

  @Flag(help: "Use CSV telemetry even for clips that carry SEI telemetry.")
  var ignoreSei = false

  @Flag(help: ArgumentHelp(
    "Correct each CSV's clock from the video: the lag that best matches its speed drops to the front camera's nose dips is added to --offset (needs decoded clips: --mode full or vision). The lag and its quality are reported."))
  var alignCsv = false

  @OptionGroup var database: DatabaseOptions

  @Option(help: "Clips analysed at once, one decoder each (default: number of cores; at most 4 per core).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Analyse clips again even when they are already in the database unchanged.")
  var force = false

  @Option(help: ArgumentHelp(
    "auto: clips whose SEI telemetry covers them are read without decoding frames; full: decode every frame too; vision: decode every frame and ignore telemetry.",
    valueName: "auto|full|vision"))
  var mode: IngestOptions.Mode = .auto

  @Option(help: ArgumentHelp("Event thresholds as JSON (see docs/detection.md); missing keys keep their defaults.", valueName: "file"))
  var config: String?

  @Option(help: ArgumentHelp(
    "analysis: skip the deblocking filter (faster; motion metrics barely change). exact: decode as a player does (mafd then equals FFmpeg scdet's).",
    valueName: "analysis|exact"))
  var decode: DecodeOptions.Quality = .analysis

  @Option(help: ArgumentHelp("Decoder threads per clip (default: cores ÷ clips in flight, doubled while fewer clips than cores are in flight).", visibility: .hidden))
  var decoderThreads: Int?

  @Option(help: ArgumentHelp(
    "Seconds of every camera kept in the evidence library (beside the database) before each event's onset and after its end.",
    valueName: "s"))
  var evidenceSeconds = EvidenceLibrary.defaultMarginS

  @Flag(help: "Keep no footage in the evidence library (review and the report then need the clips where they were).")
  var noEvidence = false

  @Option(help: ArgumentHelp(
    "How --mode auto reads SEI: sample-heads (the sample table, then only each frame's SEI) or demux (every byte, for comparison).",
    valueName: "sample-heads|demux", visibility: .hidden))
  var seiReader: IngestOptions.SEIReader = .sampleHeads

  @Flag(help: "Print the summary as JSON on standard output.")
  var json = false

  @Flag(help: "Show FFmpeg's own warnings about damaged streams.")
  var verbose = false

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    // "nan" and "inf" parse as Doubles, and a NaN offset would put every CSV sample nowhere.
    guard offset.isFinite else { throw ValidationError("--offset must be a number of seconds, such as -2 or 0.5; got \(offset)") }
    if let decoderThreads, decoderThreads < 1 { throw ValidationError("--decoder-threads must be at least 1") }
    guard evidenceSeconds.isFinite, (0...600).contains(evidenceSeconds) else {
      throw ValidationError("--evidence-seconds takes 0 to 600 seconds; got \(evidenceSeconds)")
    }
  }

  func run() throws {
    try Console.run {
      FFmpegLog.setVerbose(verbose)
      // Paths are checked before the database is touched: a typo writes nothing.
      let csvs = telemetryFiles + paths.filter { $0.lowercased().hasSuffix(".csv") }
      let videoPaths = paths.filter { !$0.lowercased().hasSuffix(".csv") }
      for csv in csvs where !FileManager.default.isReadableFile(atPath: csv) {
        throw Failure(message: "no such telemetry file: \(csv)", exitCode: 2)
      }
      var discovery = DiscoveryResult()
      do {
        if !videoPaths.isEmpty { discovery = try Discovery.discover(paths: videoPaths) }
      } catch let error as DiscoveryError {
        throw Failure(message: error.description, exitCode: 2)
      }
      if discovery.clips.isEmpty && csvs.isEmpty {
        let encrypted = discovery.encryptedFolders.isEmpty ? ""
          : " (only encrypted clips, which cannot be read off the car: \(discovery.encryptedFolders.joined(separator: ", ")))"
        throw Failure(message: "no .mp4 clips found in \(paths.joined(separator: ", "))\(encrypted)", exitCode: 1)
      }
      let detection = try DetectionConfig.fromOption(config)
      if jobs > IngestOptions.jobsLimit {
        Console.stderr("fsdlog: --jobs \(jobs) is more than this machine can use: analysing "
                       + "\(IngestOptions.jobsLimit) clips at once (4 per core); more would only hold more decoders in memory\n")
      }
      let store = try database.openForWriting()

      let cancellation = CancellationFlag()
      let interrupts = InterruptHandler(cancellation: cancellation)
      defer { interrupts.restore() }

      let progress = ProgressPrinter(terminal: Console.stderrIsTerminal)
      let pipeline = IngestPipeline(
        store: store,
        options: {
          var options = IngestOptions(jobs: jobs, force: force, mode: mode, decode: decode, decoderThreads: decoderThreads)
          options.detection = detection
          options.seiReader = seiReader
          options.telemetryCSVs = csvs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
          options.csvOffsetS = offset
          options.ignoreSEI = ignoreSei
          options.alignCSV = alignCsv
          options.evidenceMarginS = noEvidence ? nil : evidenceSeconds
          return options
        }(),
        observer: progress, cancellation: cancellation)
      let summary = try pipeline.run(discovery, arguments: paths)
      progress.clear()

      if json {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(summary), as: UTF8.self))
      } else {
        print(IngestSummaryText.render(summary), terminator: "")
      }
      if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
  }
}

extension DecodeOptions.Quality: ExpressibleByArgument {}
extension IngestOptions.Mode: ExpressibleByArgument {}
extension IngestOptions.SEIReader: ExpressibleByArgument {}
