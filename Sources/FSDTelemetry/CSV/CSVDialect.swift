/// The telemetry CSV layouts fsdlog reads (docs/formats.md section 5), told apart by their headers.
public enum CSVDialect: String, Sendable, CaseIterable {
  /// fsdlog's own: `time,speed_mps,...` with absolute times (docs/csv.md).
  case canonical
  /// Tesla's SEI reader export: one row per video frame, columns named as the protobuf fields, no
  /// time column.
  case teslaSEI = "tesla_sei"
  /// Tesla Track Mode (`telemetry-v1-*.csv`, ~45 Hz, mph, elapsed time restarting each lap).
  case trackMode = "track_mode"
  /// openpilot `carState` exported to CSV (`vEgo`, `aEgo`, `brakePressed`, ...).
  case openpilot
  /// Tessie's drive export: a row every ~15 s, the zone in the timestamp header.
  case tessie

  /// How messages name the dialect.
  public var displayName: String {
    switch self {
    case .canonical: "fsdlog canonical CSV"
    case .teslaSEI: "Tesla SEI export"
    case .trackMode: "Tesla Track Mode CSV"
    case .openpilot: "openpilot carState CSV"
    case .tessie: "Tessie drive export"
    }
  }

  var seriesSource: TelemetrySeries.Source {
    switch self {
    case .canonical: .canonicalCSV
    case .teslaSEI: .teslaSEICSV
    case .trackMode: .trackModeCSV
    case .openpilot: .openpilotCSV
    case .tessie: .tessieCSV
    }
  }
}
