import FSDDomain
import FSDDetection
import FSDMedia
import Foundation

/// How `fsdlog ingest` runs.
public struct IngestOptions: Sendable {
  /// What to read from a front clip.
  public enum Mode: String, Sendable, CaseIterable {
    /// Telemetry first: a clip whose SEI covers it is read by demux only (no frame decoding);
    /// other clips are decoded for the motion core.
    case auto
    /// Decode every frame, and read SEI telemetry in the same pass.
    case full
    /// Decode every frame and ignore telemetry (as for clips without it).
    case vision

    /// What a clip this mode decodes is stored as (`clips.analysis_mode`).
    var decodedAnalysis: ClipAnalysisMode { self == .vision ? .vision : .full }
  }

  public var mode: Mode
  /// How the telemetry-first scan of `.auto` reads a clip's SEI.
  public enum SEIReader: String, Sendable, CaseIterable {
    /// The sample table, then only the head of each sample (the NAL units before its slice);
    /// clips it cannot read exactly are demuxed instead.
    case sampleHeads = "sample-heads"
    /// FFmpeg's demuxer, every byte of the file (the reference the sample-head reader must equal).
    case demux
  }
  public var seiReader: SEIReader = .sampleHeads
  /// Event thresholds (docs/detection.md defaults, or a --config file).
  public var detection: DetectionConfig = .standard
  /// Telemetry CSV files to attach to the clips they cover.
  public var telemetryCSVs: [String] = []
  /// Seconds added to CSV times before matching them to clips.
  public var csvOffsetS = 0.0
  /// Use CSV telemetry even where a clip has SEI (to evaluate or compare CSV telemetry).
  public var ignoreSEI = false
  /// Measure each CSV's clock error against the front camera's motion series and correct it.
  public var alignCSV = false
  /// Clips analysed at once, each with its own decoder; at most `jobsLimit`.
  public var jobs: Int
  /// The most clips analysed at once: 4 per core. Each clip in flight holds a decoder, its frames
  /// and its motion series (a few MB each), and past a few per core they only wait for a core:
  /// `--jobs 100000` once started a decoder for every clip found.
  public static var jobsLimit: Int { 4 * max(1, ProcessInfo.processInfo.activeProcessorCount) }
  /// Seconds of footage kept in the evidence library before each event's onset and after its
  /// end; nil keeps none (`--no-evidence`).
  public var evidenceMarginS: Double? = EvidenceLibrary.defaultMarginS
  /// Re-analyse clips even when they are already in the database unchanged.
  public var force: Bool
  public var decode: DecodeOptions.Quality
  /// Decoder threads per clip; nil picks `defaultDecoderThreads`.
  public var decoderThreads: Int?

  /// Decoder threads per clip when not given: cores ÷ clips in flight, so one clip still uses
  /// every core, and twice that while fewer clips than cores are in flight. A clip's own thread
  /// runs the motion core on each frame the decoder hands it, and with only one frame thread per
  /// core the cores wait for it; two per core keep a frame decoding on every core meanwhile
  /// (tools/bench, figure d, one clip on 2 cores, back-to-back pairs: median 0.72 of PySceneDetect's
  /// wall time with 2 threads, 0.64 with 3 or 4). With a clip per core the other clips fill
  /// those gaps, and more threads only cost (two clips on 2 cores: 7.8–8.1 s with 1 thread each,
  /// 8.0–8.7 s with 2).
  public static func defaultDecoderThreads(cores: Int, clipsInFlight: Int) -> Int {
    let perClip = max(1, cores / max(1, clipsInFlight))
    return clipsInFlight < cores ? 2 * perClip : perClip
  }

  /// Threads that decode a clip's segments side by side (`SegmentedDecode`) when decoder threads
  /// are not given: the cores each clip has to itself while fewer clips than cores are in flight,
  /// else 1 (frame threads then). On 2 cores, one clip alone: 2 segment workers took 2.9–3.4 s of
  /// the bench clip's ingest where 4 frame threads took 3.3–3.8 s, and figure d went from 0.66–0.70
  /// of PySceneDetect's wall time to 0.54–0.57 (tools/bench, two runs).
  /// At most 8: every worker demuxes the file up to its last segment (demuxing all of it costs
  /// about 1/30 of decoding it), so past that the demuxing would eat what another core saves.
  public static func defaultSegmentWorkers(cores: Int, clipsInFlight: Int) -> Int {
    clipsInFlight < cores ? min(8, max(1, cores / max(1, clipsInFlight))) : 1
  }

  public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, force: Bool = false, mode: Mode = .auto,
              decode: DecodeOptions.Quality = .analysis, decoderThreads: Int? = nil) {
    self.mode = mode
    self.jobs = min(max(1, jobs), Self.jobsLimit)
    self.force = force
    self.decode = decode
    self.decoderThreads = decoderThreads
  }

  /// Bumped whenever what ingest computes per clip changes, so old rows are redone on the next run.
  public static let analysisVersion = 3
  public static let toolVersion = "0.1.0"
}
