import FSDDetection
import FSDDomain
import FSDStore
import FSDTelemetry
import Foundation

/// Converts between telemetry samples and the reduced-rate rows the store keeps.
enum TelemetryStorage {
  static let rateHz = 10.0

  /// Samples timed from the clip start → the stored 10 Hz form.
  static func stored(_ samples: [TelemetrySample], source: String, sourcePath: String? = nil,
                     startUTC: String?) -> StoredTelemetry {
    var stored = StoredTelemetry(source: source, sourcePath: sourcePath, rateHz: rateHz, startUTC: startUTC)
    for sample in TelemetryResampler.resample(samples, hz: rateHz) {
      func float(_ value: Double?) -> Float { value.map(Float.init) ?? .nan }
      stored.tS.append(Float(sample.timeS))
      stored.speedMPS.append(float(sample.speedMPS))
      stored.accelXMPS2.append(float(sample.accelXMPS2))
      stored.accelYMPS2.append(float(sample.accelYMPS2))
      stored.accelZMPS2.append(float(sample.accelZMPS2))
      stored.accelLongMPS2.append(float(sample.accelLongMPS2))
      stored.accelLatMPS2.append(float(sample.accelLatMPS2))
      stored.brake.append(sample.brakePedal.map { $0 ? 1 : 0 } ?? 255)
      stored.accelerator.append(float(sample.acceleratorPedal))
      stored.steeringDeg.append(float(sample.steeringDeg))
      stored.autopilot.append(sample.autopilot?.storageCode ?? AutopilotMode.unknownStorageCode)
      stored.latDeg.append(sample.latitudeDeg ?? .nan)
      stored.lonDeg.append(sample.longitudeDeg ?? .nan)
      stored.headingDeg.append(float(sample.headingDeg))
    }
    return stored
  }

  /// Stored rows → samples on an absolute clock (`startS` = the clip start in UTC seconds).
  static func samples(_ stored: StoredTelemetry, startS: Double) -> [TelemetrySample] {
    (0..<stored.sampleCount).map { index in
      func value(_ column: [Float]) -> Double? { column[index].isNaN ? nil : Double(column[index]) }
      var sample = TelemetrySample(timeS: startS + Double(stored.tS[index]))
      sample.speedMPS = value(stored.speedMPS)
      sample.accelXMPS2 = value(stored.accelXMPS2)
      sample.accelYMPS2 = value(stored.accelYMPS2)
      sample.accelZMPS2 = value(stored.accelZMPS2)
      sample.accelLongMPS2 = value(stored.accelLongMPS2)
      sample.accelLatMPS2 = value(stored.accelLatMPS2)
      sample.brakePedal = stored.brake[index] == 255 ? nil : stored.brake[index] == 1
      sample.acceleratorPedal = value(stored.accelerator)
      sample.steeringDeg = value(stored.steeringDeg)
      sample.autopilot = AutopilotMode(storageCode: stored.autopilot[index])
      sample.latitudeDeg = stored.latDeg[index].isNaN ? nil : stored.latDeg[index]
      sample.longitudeDeg = stored.lonDeg[index].isNaN ? nil : stored.lonDeg[index]
      sample.headingDeg = value(stored.headingDeg)
      return sample
    }
  }
}
