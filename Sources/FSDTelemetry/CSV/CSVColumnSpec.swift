/// What a column means to fsdlog, whatever a dialect calls it.
enum CSVColumnRole: Sendable, Equatable {
  /// Absolute timestamps (ISO 8601, `M/D/YYYY h:mm:ss AM`) or Unix numbers.
  case time
  /// Seconds (or another duration unit) from some start: openpilot `t`, `logMonoTime`.
  case relativeTime
  /// Track Mode: time within the current lap.
  case lapElapsed
  case lap
  /// Tesla SEI export: the frame counter.
  case frameSequence
  case speed, accelLong, accelLat, accelX, accelY, accelZ
  /// 0…1.
  case accelerator
  /// A pressed/not-pressed flag standing in for the pedal position (openpilot `gasPressed`).
  case acceleratorPressed
  case brakePedal
  /// Track Mode: brake line pressure, read as "brake on" above `CSVColumnSpec.brakeOnPressureBar`.
  case brakePressure
  case steering
  case autopilot
  /// openpilot `cruiseState.enabled`: openpilot controls speed, recorded as TACC.
  case cruiseEnabled
  case latitude, longitude, heading
}

/// One column a dialect knows: how to recognise it in a header and what unit it is in.
struct CSVColumnSpec: Sendable {
  /// Brake pressure above this counts as braking: a resting line shows a few tenths of a bar,
  /// the lightest deliberate braking several bar.
  static let brakeOnPressureBar = 0.5

  let role: CSVColumnRole
  /// The column as the dialect writes it, for messages ("speed_mps", "Speed (MPH)").
  let name: String
  /// Normalised names (`CSVColumnHeader.key` or `.fullKey`) that mean this column.
  let keys: [String]
  let quantity: CSVQuantity?
  /// The unit when the header names none; nil means the header must say (a bare `speed` could
  /// be m/s, km/h or mph).
  let defaultUnit: String?
  let isRequired: Bool

  init(
    _ role: CSVColumnRole, _ name: String, keys: [String], _ quantity: CSVQuantity? = nil,
    defaultUnit: String? = nil, required: Bool = false
  ) {
    self.role = role
    self.name = name
    self.keys = keys
    self.quantity = quantity
    self.defaultUnit = defaultUnit
    self.isRequired = required
  }
}

/// A dialect's columns, plus names it writes that fsdlog ignores (they still count when the
/// dialect is detected from a header).
struct CSVDialectColumns: Sendable {
  let dialect: CSVDialect
  let columns: [CSVColumnSpec]
  /// Every name the dialect writes, used or not: detection counts them.
  let knownKeys: Set<String>
  /// Which of `columns` a normalised name means (names are unique within a dialect).
  let columnIndexByKey: [String: Int]

  init(dialect: CSVDialect, columns: [CSVColumnSpec], ignoredKeys: Set<String>) {
    self.dialect = dialect
    self.columns = columns
    knownKeys = ignoredKeys.union(columns.flatMap(\.keys))
    var indexByKey: [String: Int] = [:]
    for (index, column) in columns.enumerated() {
      for key in column.keys where indexByKey[key] == nil { indexByKey[key] = index }
    }
    columnIndexByKey = indexByKey
  }

  var requiredNames: [String] { columns.filter(\.isRequired).map(\.name) }

  /// For each normalised name, the dialects (bit `n` = `CSVDialect.allCases[n]`) that know it:
  /// detection looks each header cell up once instead of once per dialect.
  static let dialectBitsByKey: [String: UInt8] = {
    var bits: [String: UInt8] = [:]
    for (index, dialect) in CSVDialect.allCases.enumerated() {
      for key in of(dialect).knownKeys { bits[key, default: 0] |= 1 << index }
    }
    return bits
  }()

  static func of(_ dialect: CSVDialect) -> CSVDialectColumns {
    switch dialect {
    case .canonical: canonical
    case .teslaSEI: teslaSEI
    case .trackMode: trackMode
    case .openpilot: openpilot
    case .tessie: tessie
    }
  }
}
