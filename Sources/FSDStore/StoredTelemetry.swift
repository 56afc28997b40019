import Foundation
import GRDB

/// A clip's telemetry at a reduced rate (about 10 Hz), as the `telemetry` table holds it: one row
/// per clip, each channel a little-endian array. Unknown values are NaN (floats) or 255 (flags).
public struct StoredTelemetry: Sendable, Equatable {
  /// Where it came from: `sei`, or a CSV dialect (`csv_canonical`, ...).
  public var source: String
  /// The CSV file, for CSV telemetry.
  public var sourcePath: String?
  public var rateHz: Double
  /// UTC of t = 0 (the clip start), when known.
  public var startUTC: String?
  /// Seconds from the clip start.
  public var tS: [Float] = []
  public var speedMPS: [Float] = []
  /// Raw accelerometer axes (SEI); which one is longitudinal is the drive's axis calibration.
  public var accelXMPS2: [Float] = []
  public var accelYMPS2: [Float] = []
  public var accelZMPS2: [Float] = []
  /// Vehicle-frame accelerations when the source gives them (CSV dialects), else NaN.
  public var accelLongMPS2: [Float] = []
  public var accelLatMPS2: [Float] = []
  /// 0 released, 1 pressed, 255 unknown.
  public var brake: [UInt8] = []
  public var accelerator: [Float] = []
  public var steeringDeg: [Float] = []
  /// 0 NONE, 1 SELF_DRIVING, 2 AUTOSTEER, 3 TACC, 255 unknown.
  public var autopilot: [UInt8] = []
  public var latDeg: [Double] = []
  public var lonDeg: [Double] = []
  public var headingDeg: [Float] = []

  public init(source: String, sourcePath: String? = nil, rateHz: Double, startUTC: String?) {
    self.source = source
    self.sourcePath = sourcePath
    self.rateHz = rateHz
    self.startUTC = startUTC
  }

  public var sampleCount: Int { tS.count }

  /// The channels, once, each with its `telemetry` column (docs/schema.md): storing, reading,
  /// cutting a window and joining clips all walk this list, so a new channel is one line here.
  enum Channel {
    case floats(String, WritableKeyPath<StoredTelemetry, [Float]>)
    case doubles(String, WritableKeyPath<StoredTelemetry, [Double]>)
    case bytes(String, WritableKeyPath<StoredTelemetry, [UInt8]>)

    var column: String {
      switch self {
      case .floats(let column, _), .doubles(let column, _), .bytes(let column, _): column
      }
    }
  }

  static var channels: [Channel] {
    [.floats("t_s", \.tS), .floats("speed_mps", \.speedMPS), .floats("accel_x_mps2", \.accelXMPS2),
     .floats("accel_y_mps2", \.accelYMPS2), .floats("accel_z_mps2", \.accelZMPS2),
     .floats("accel_long_mps2", \.accelLongMPS2), .floats("accel_lat_mps2", \.accelLatMPS2), .bytes("brake", \.brake),
     .floats("accelerator", \.accelerator), .floats("steering_deg", \.steeringDeg), .bytes("autopilot", \.autopilot),
     .doubles("lat_deg", \.latDeg), .doubles("lon_deg", \.lonDeg), .floats("heading_deg", \.headingDeg)]
  }

  /// Every channel must have one value per sample.
  var isConsistent: Bool {
    Self.channels.allSatisfy { count(of: $0) == tS.count }
  }

  func count(of channel: Channel) -> Int {
    switch channel {
    case .floats(_, let path): self[keyPath: path].count
    case .doubles(_, let path): self[keyPath: path].count
    case .bytes(_, let path): self[keyPath: path].count
    }
  }

  func insert(clipID: Int64, into db: Database) throws {
    precondition(isConsistent, "telemetry channels must be the same length")
    let columns = ["clip_id", "source", "source_path", "rate_hz", "sample_count", "start_utc"] + Self.channels.map(\.column)
    var arguments: [(any DatabaseValueConvertible)?] = [clipID, source, sourcePath, rateHz, sampleCount, startUTC]
    for channel in Self.channels {
      switch channel {
      case .floats(_, let path): arguments.append(BlobColumn.pack(self[keyPath: path]))
      case .doubles(_, let path): arguments.append(BlobColumn.pack(self[keyPath: path]))
      case .bytes(_, let path): arguments.append(Data(self[keyPath: path]))
      }
    }
    try db.execute(
      sql: "INSERT INTO telemetry (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
      arguments: StatementArguments(arguments))
  }

  init?(row: Row) {
    self.init(source: row["source"], sourcePath: row["source_path"], rateHz: row["rate_hz"], startUTC: row["start_utc"])
    for channel in Self.channels {
      guard let data = row[channel.column] as Data? else { return nil }
      switch channel {
      case .floats(_, let path):
        guard let values = BlobColumn.unpackFloats(data) else { return nil }
        self[keyPath: path] = values
      case .doubles(_, let path):
        guard let values = BlobColumn.unpackDoubles(data) else { return nil }
        self[keyPath: path] = values
      case .bytes(_, let path):
        self[keyPath: path] = [UInt8](data)
      }
    }
    guard isConsistent else { return nil }
  }

  /// The samples at `indices`, every channel (times as they are).
  func samples(at indices: [Int]) -> StoredTelemetry {
    var result = StoredTelemetry(source: source, sourcePath: sourcePath, rateHz: rateHz, startUTC: nil)
    func pick<T>(_ values: [T]) -> [T] { indices.compactMap { $0 < values.count ? values[$0] : nil } }
    for channel in Self.channels {
      switch channel {
      case .floats(_, let path): result[keyPath: path] = pick(self[keyPath: path])
      case .doubles(_, let path): result[keyPath: path] = pick(self[keyPath: path])
      case .bytes(_, let path): result[keyPath: path] = pick(self[keyPath: path])
      }
    }
    return result
  }

  /// Appends another stretch's samples (times already on the same axis).
  mutating func append(_ other: StoredTelemetry) {
    for channel in Self.channels {
      switch channel {
      case .floats(_, let path): self[keyPath: path] += other[keyPath: path]
      case .doubles(_, let path): self[keyPath: path] += other[keyPath: path]
      case .bytes(_, let path): self[keyPath: path] += other[keyPath: path]
      }
    }
  }
}
