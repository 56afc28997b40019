import FSDSynth
import Foundation

/// How a scenario is written out: the TeslaCam layout, which cameras, the SEI and damage options,
/// and companion CSVs. Read from the scenario file's `"output"` object; command-line flags
/// override it.
struct OutputOptions: Codable, Sendable {
  enum Layout: String, Codable, Sendable {
    /// RecentClips/, flat, as the car writes it.
    case recent
    /// RecentClips/YYYY-MM-DD/, as archivers (TeslaUSB) lay it out.
    case recentDaily = "recent_daily"
    /// SavedClips/<event time>/ with event.json and thumb.png.
    case saved
    /// SentryClips/<event time>/ with event.json and thumb.png.
    case sentry
  }

  enum Truncation: String, Codable, Sendable {
    case none
    /// The last clip ends before its moov index (power cut while recording): unreadable.
    case noMoov = "no_moov"
    /// The last clip keeps its index but loses the tail of its frame data.
    case shortMdat = "short_mdat"
  }

  var layout: Layout = .recent
  /// event.json fields for saved/sentry layouts (values are written as strings, as the car does).
  var eventReason: String = "user_interaction_dashcam_icon_tapped"
  var city: String?
  var street: String?
  /// When the event was saved, seconds from the drive start (default: the end of the drive).
  var eventAtS: Double?
  var clipSeconds: Double = 60
  /// Cameras to write; default: the scenario's.
  var cameras: [CameraName]?
  var sei = true
  /// Share of frames whose SEI record is made undecodable (seeded, so reproducible).
  var corruptSEIFraction: Double = 0
  var truncateLast: Truncation = .none
  var csv: [TelemetryCSVWriter.Dialect] = []
  /// Seconds added to CSV times (a logger whose clock is off).
  var csvClockOffsetS: Double = 0
  /// Noise standard deviation on CSV speed (m/s) and accelerations (2× that, m/s²).
  var csvNoise: Double = 0
  var x264Preset: String = "superfast"
  var x264CRF: Int = 24

  enum CodingKeys: String, CodingKey {
    case layout, eventReason = "event_reason", city, street, eventAtS = "event_at_s", clipSeconds = "clip_s"
    case cameras, sei, corruptSEIFraction = "corrupt_sei_fraction", truncateLast = "truncate_last", csv
    case csvClockOffsetS = "csv_clock_offset_s", csvNoise = "csv_noise", x264Preset = "x264_preset", x264CRF = "x264_crf"
  }

  init() {}

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = OutputOptions()
    layout = try container.decodeIfPresent(Layout.self, forKey: .layout) ?? defaults.layout
    eventReason = try container.decodeIfPresent(String.self, forKey: .eventReason) ?? defaults.eventReason
    city = try container.decodeIfPresent(String.self, forKey: .city)
    street = try container.decodeIfPresent(String.self, forKey: .street)
    eventAtS = try container.decodeIfPresent(Double.self, forKey: .eventAtS)
    clipSeconds = try container.decodeIfPresent(Double.self, forKey: .clipSeconds) ?? defaults.clipSeconds
    cameras = try container.decodeIfPresent([CameraName].self, forKey: .cameras)
    sei = try container.decodeIfPresent(Bool.self, forKey: .sei) ?? defaults.sei
    corruptSEIFraction = try container.decodeIfPresent(Double.self, forKey: .corruptSEIFraction) ?? 0
    truncateLast = try container.decodeIfPresent(Truncation.self, forKey: .truncateLast) ?? .none
    csv = try container.decodeIfPresent([TelemetryCSVWriter.Dialect].self, forKey: .csv) ?? []
    csvClockOffsetS = try container.decodeIfPresent(Double.self, forKey: .csvClockOffsetS) ?? 0
    csvNoise = try container.decodeIfPresent(Double.self, forKey: .csvNoise) ?? 0
    x264Preset = try container.decodeIfPresent(String.self, forKey: .x264Preset) ?? defaults.x264Preset
    x264CRF = try container.decodeIfPresent(Int.self, forKey: .x264CRF) ?? defaults.x264CRF
  }
}

/// The `"output"` object of a scenario file (the rest is the scenario itself).
struct ScenarioFileOutput: Decodable {
  var output: OutputOptions?
}
