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

  /// Every channel must have one value per sample.
  var isConsistent: Bool {
    let n = tS.count
    return [speedMPS.count, accelXMPS2.count, accelYMPS2.count, accelZMPS2.count, accelLongMPS2.count,
            accelLatMPS2.count, brake.count, accelerator.count, steeringDeg.count, autopilot.count, latDeg.count,
            lonDeg.count, headingDeg.count].allSatisfy { $0 == n }
  }

  static let floatColumns = ["t_s", "speed_mps", "accel_x_mps2", "accel_y_mps2", "accel_z_mps2", "accel_long_mps2",
                             "accel_lat_mps2", "accelerator", "steering_deg", "heading_deg"]

  func insert(clipID: Int64, into db: Database) throws {
    precondition(isConsistent, "telemetry channels must be the same length")
    try db.execute(sql: """
      INSERT INTO telemetry (clip_id, source, source_path, rate_hz, sample_count, start_utc, t_s, speed_mps,
        accel_x_mps2, accel_y_mps2, accel_z_mps2, accel_long_mps2, accel_lat_mps2, brake, accelerator,
        steering_deg, autopilot, lat_deg, lon_deg, heading_deg)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """, arguments: [
        clipID, source, sourcePath, rateHz, sampleCount, startUTC, BlobColumn.pack(tS), BlobColumn.pack(speedMPS),
        BlobColumn.pack(accelXMPS2), BlobColumn.pack(accelYMPS2), BlobColumn.pack(accelZMPS2),
        BlobColumn.pack(accelLongMPS2), BlobColumn.pack(accelLatMPS2), Data(brake), BlobColumn.pack(accelerator),
        BlobColumn.pack(steeringDeg), Data(autopilot), BlobColumn.pack(latDeg), BlobColumn.pack(lonDeg),
        BlobColumn.pack(headingDeg),
      ])
  }

  init?(row: Row) {
    self.init(source: row["source"], sourcePath: row["source_path"], rateHz: row["rate_hz"], startUTC: row["start_utc"])
    func floats(_ column: String) -> [Float]? { (row[column] as Data?).flatMap(BlobColumn.unpackFloats) }
    func doubles(_ column: String) -> [Double]? { (row[column] as Data?).flatMap(BlobColumn.unpackDoubles) }
    guard let t = floats("t_s"), let speed = floats("speed_mps"), let x = floats("accel_x_mps2"),
          let y = floats("accel_y_mps2"), let z = floats("accel_z_mps2"), let long = floats("accel_long_mps2"),
          let lat = floats("accel_lat_mps2"), let accelerator = floats("accelerator"),
          let steering = floats("steering_deg"), let heading = floats("heading_deg"),
          let latitude = doubles("lat_deg"), let longitude = doubles("lon_deg"),
          let brake = row["brake"] as Data?, let autopilot = row["autopilot"] as Data?
    else { return nil }
    tS = t; speedMPS = speed; accelXMPS2 = x; accelYMPS2 = y; accelZMPS2 = z; accelLongMPS2 = long
    accelLatMPS2 = lat; self.accelerator = accelerator; steeringDeg = steering; headingDeg = heading
    latDeg = latitude; lonDeg = longitude; self.brake = [UInt8](brake); self.autopilot = [UInt8](autopilot)
    guard isConsistent else { return nil }
  }
}
