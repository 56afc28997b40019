import Foundation

/// A header resolved against its dialect: which column feeds which sample field in which unit,
/// and how rows get their time. Everything that can be wrong with a header is found here, before
/// any row is read.
struct CSVLayout {
  struct Binding {
    let column: CSVResolvedColumn
    let role: CSVColumnRole
  }

  /// Tesla records one SEI message per frame at 36 fps (docs/formats.md section 4).
  static let teslaFramesPerSecond = 36.0
  /// openpilot publishes carState at 100 Hz.
  static let openpilotCarStateHz = 100.0

  let dialect: CSVDialect
  let columnCount: Int
  let bindings: [Binding]
  let clockKind: CSVClock.Kind

  /// - Throws: `CSVProblem` on line `headerLine` for a missing required column, a unit fsdlog
  ///   does not know, or a quantity whose unit must be stated and is not.
  init(dialect: CSVDialect, headers: [CSVColumnHeader], path: String, headerLine: Int) throws {
    let table = CSVDialectColumns.of(dialect)
    // The first header cell naming each column; a name without its unit counts before the
    // whole cell (`speed_kmh` is speed in km/h, not a column called "speedkmh").
    var headerIndexBySpec = [Int?](repeating: nil, count: table.columns.count)
    var matchedWithoutUnit = [Bool](repeating: false, count: table.columns.count)
    for (index, header) in headers.enumerated() {
      let byName = table.columnIndexByKey[header.key]
      guard let spec = byName ?? table.columnIndexByKey[header.fullKey], headerIndexBySpec[spec] == nil else {
        continue
      }
      headerIndexBySpec[spec] = index
      matchedWithoutUnit[spec] = byName != nil
    }
    var resolved: [(spec: CSVColumnSpec, column: CSVResolvedColumn)] = []
    var headerZone: CSVZone?
    for (specIndex, spec) in table.columns.enumerated() {
      guard let index = headerIndexBySpec[specIndex] else {
        if spec.isRequired {
          throw CSVProblem(
            path: path, line: headerLine, column: spec.name,
            message:
              "missing from the header, and a \(dialect.displayName) needs it (required: "
              + "\(table.requiredNames.joined(separator: ", ")); the header has: "
              + "\(headers.map(\.text).joined(separator: ", ")))" + Self.lookalikeHint(spec, headers))
        }
        continue
      }
      let header = headers[index]
      let problem = { (message: String) in
        CSVProblem(path: path, line: headerLine, column: header.text, message: message)
      }
      // A unit written into a name that is itself the key (`steeringAngleDeg`) is not a unit.
      let unitText = matchedWithoutUnit[specIndex] ? header.unitText : nil
      var scale = 1.0
      if spec.role == .time {
        if let unitText {
          if let zone = CSVZone.parse(unitText) {
            headerZone = zone
          } else if let factor = CSVQuantity.duration.scale(fromUnit: unitText) {
            scale = factor
          } else {
            throw problem(
              "unit '\(unitText)' is neither a time zone (UTC, PDT, +02:00, Europe/Berlin) "
                + "nor a unit of Unix time (s, ms)")
          }
        }
      } else if let quantity = spec.quantity {
        if let unitText {
          guard let factor = quantity.scale(fromUnit: unitText) else {
            throw problem("unit '\(unitText)' is not a \(quantity.name) unit fsdlog knows (\(quantity.knownUnits))")
          }
          scale = factor
        } else if let defaultUnit = spec.defaultUnit {
          scale = quantity.scale(fromUnit: defaultUnit) ?? 1
        } else {
          let base = header.text.isEmpty ? spec.name : header.text
          throw problem(
            "the header does not say the unit: name it \(spec.name), or say another unit "
              + "(\(base)_kmh, '\(base) (mph)'; known: \(quantity.knownUnits))")
        }
      }
      resolved.append((spec, CSVResolvedColumn(index: index, header: header.text, scale: scale)))
    }

    func column(_ role: CSVColumnRole) -> CSVResolvedColumn? { resolved.first { $0.spec.role == role }?.column }
    self.dialect = dialect
    columnCount = headers.count
    bindings = resolved.filter { !Self.isTimeRole($0.spec.role) }.map { Binding(column: $0.column, role: $0.spec.role) }
    switch dialect {
    case .canonical, .tessie:
      clockKind = .timestamps(column(.time)!, headerZone: headerZone, allowsRelative: false)
    case .openpilot:
      if let time = column(.time) {
        clockKind = .timestamps(time, headerZone: headerZone, allowsRelative: true)
      } else if let relative = column(.relativeTime) {
        clockKind = .relative(relative)
      } else {
        clockKind = .rowIndex(rateHz: Self.openpilotCarStateHz)
      }
    case .teslaSEI:
      if let frame = column(.frameSequence) {
        clockKind = .frameSequence(frame, framesPerSecond: Self.teslaFramesPerSecond)
      } else {
        clockKind = .rowIndex(rateHz: Self.teslaFramesPerSecond)
      }
    case .trackMode:
      clockKind = .lapElapsed(lap: column(.lap), elapsed: column(.lapElapsed)!)
    }
  }

  /// `speed_furlongs` is not recognised as speed, but the user meant it to be: say so.
  private static func lookalikeHint(_ spec: CSVColumnSpec, _ headers: [CSVColumnHeader]) -> String {
    guard let quantity = spec.quantity,
      let lookalike = headers.first(where: { header in
        spec.keys.contains { $0.count >= 3 && header.fullKey.hasPrefix($0) && header.fullKey != $0 }
      })
    else { return "" }
    let suffix =
      lookalike.text.split(whereSeparator: { $0 == "_" || $0 == " " }).last.map(String.init) ?? lookalike.text
    return ". '\(lookalike.text)' looks like it, but '\(suffix)' is not a \(quantity.name) unit fsdlog knows "
      + "(\(quantity.knownUnits))"
  }

  static func isTimeRole(_ role: CSVColumnRole) -> Bool {
    switch role {
    case .time, .relativeTime, .lapElapsed, .lap, .frameSequence: true
    default: false
    }
  }
}
