import FSDDetection
import FSDDomain
import FSDStore
import FSDTelemetry
import Foundation

/// Converts between telemetry samples and the reduced-rate rows the store keeps.
enum TelemetryStorage {
  static let rateHz = 10.0

  /// Which stored column holds which reading of `TelemetrySample.readings`: float32 columns, and
  /// float64 for the position (a float32 degree is about a metre). NaN stands for "no value".
  private static var floatColumns: [(WritableKeyPath<StoredTelemetry, [Float]>, WritableKeyPath<TelemetrySample, Double?>)] {
    [(\.speedMPS, \.speedMPS), (\.accelXMPS2, \.accelXMPS2), (\.accelYMPS2, \.accelYMPS2), (\.accelZMPS2, \.accelZMPS2),
     (\.accelLongMPS2, \.accelLongMPS2), (\.accelLatMPS2, \.accelLatMPS2), (\.accelerator, \.acceleratorPedal),
     (\.steeringDeg, \.steeringDeg), (\.headingDeg, \.headingDeg)]
  }
  private static var doubleColumns: [(WritableKeyPath<StoredTelemetry, [Double]>, WritableKeyPath<TelemetrySample, Double?>)] {
    [(\.latDeg, \.latitudeDeg), (\.lonDeg, \.longitudeDeg)]
  }

  /// Samples timed from the clip start → the stored 10 Hz form.
  static func stored(_ samples: [TelemetrySample], source: String, sourcePath: String? = nil,
                     startUTC: String?) -> StoredTelemetry {
    var stored = StoredTelemetry(source: source, sourcePath: sourcePath, rateHz: rateHz, startUTC: startUTC)
    let floatColumns = Self.floatColumns, doubleColumns = Self.doubleColumns
    for sample in TelemetryResampler.resample(samples, hz: rateHz) {
      stored.tS.append(Float(sample.timeS))
      for (column, reading) in floatColumns { stored[keyPath: column].append(sample[keyPath: reading].map(Float.init) ?? .nan) }
      for (column, reading) in doubleColumns { stored[keyPath: column].append(sample[keyPath: reading] ?? .nan) }
      stored.brake.append(sample.brakePedal.map { $0 ? 1 : 0 } ?? 255)
      stored.autopilot.append(sample.autopilot?.storageCode ?? AutopilotMode.unknownStorageCode)
    }
    return stored
  }

  /// Stored rows → samples on an absolute clock (`startS` = the clip start in UTC seconds).
  static func samples(_ stored: StoredTelemetry, startS: Double) -> [TelemetrySample] {
    let floatColumns = Self.floatColumns.map { (stored[keyPath: $0.0], $0.1) }
    let doubleColumns = Self.doubleColumns.map { (stored[keyPath: $0.0], $0.1) }
    return (0..<stored.sampleCount).map { index in
      var sample = TelemetrySample(timeS: startS + Double(stored.tS[index]))
      for (column, reading) in floatColumns where !column[index].isNaN { sample[keyPath: reading] = Double(column[index]) }
      for (column, reading) in doubleColumns where !column[index].isNaN { sample[keyPath: reading] = column[index] }
      sample.brakePedal = stored.brake[index] == 255 ? nil : stored.brake[index] == 1
      sample.autopilot = AutopilotMode(storageCode: stored.autopilot[index])
      return sample
    }
  }
}
