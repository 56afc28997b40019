import FSDStore
import XCTest

/// One acceleration rule for every view: vehicle frame, else the drive's calibrated raw axis, else
/// (longitudinal) d(speed)/dt.
final class TelemetryAccelerationTests: XCTestCase {
  /// 1 s at 10 Hz, slowing by 2 m/s per second; the raw SEI x axis points backwards (it reads
  /// +2.1 m/s² while the car decelerates), as the calibration below says.
  func telemetry(vehicleFrame: Bool) -> StoredTelemetry {
    var telemetry = StoredTelemetry(source: vehicleFrame ? "csv_canonical" : "sei", rateHz: 10, startUTC: nil)
    telemetry.tS = (0..<11).map { Float($0) / 10 }
    telemetry.speedMPS = telemetry.tS.map { 20 - 2 * $0 }
    telemetry.accelXMPS2 = telemetry.tS.map { _ in 2.1 }
    telemetry.accelYMPS2 = telemetry.tS.map { _ in 0.5 }
    telemetry.accelZMPS2 = telemetry.tS.map { _ in 9.8 }
    telemetry.accelLongMPS2 = telemetry.tS.map { _ in vehicleFrame ? -2 : .nan }
    telemetry.accelLatMPS2 = telemetry.tS.map { _ in vehicleFrame ? 0.3 : .nan }
    return telemetry
  }

  let calibration = #"{"method":"correlation","longitudinal_axis":"x","longitudinal_sign":-1,"longitudinal_bias_mps2":0.1,"lateral_axis":"y","lateral_sign":1,"lateral_bias_mps2":0.2}"#

  func testVehicleFrameFirstThenTheCalibratedAxisThenSpeed() throws {
    let csv = telemetry(vehicleFrame: true).acceleration(lateral: false, calibrationJSON: calibration)
    XCTAssertEqual(csv.source, .vehicleFrame)
    XCTAssertEqual(csv.valuesMPS2.first ?? nil, -2)

    let sei = telemetry(vehicleFrame: false).acceleration(lateral: false, calibrationJSON: calibration)
    XCTAssertEqual(sei.source, .calibratedAxis)
    XCTAssertEqual(try XCTUnwrap(sei.valuesMPS2[5]), -1 * 2.1 - 0.1, accuracy: 1e-6)
    let lateral = telemetry(vehicleFrame: false).acceleration(lateral: true, calibrationJSON: calibration)
    XCTAssertEqual(lateral.source, .calibratedAxis)
    XCTAssertEqual(try XCTUnwrap(lateral.valuesMPS2[5]), 0.5 - 0.2, accuracy: 1e-6)

    let uncalibrated = telemetry(vehicleFrame: false).acceleration(lateral: false, calibrationJSON: nil)
    XCTAssertEqual(uncalibrated.source, .speedDerivative)
    XCTAssertEqual(try XCTUnwrap(uncalibrated.valuesMPS2[5]), -2, accuracy: 1e-4)
    let untrusted = calibration.replacingOccurrences(of: "correlation", with: "speed_derivative")
    XCTAssertEqual(telemetry(vehicleFrame: false).acceleration(lateral: false, calibrationJSON: untrusted).source,
                   .speedDerivative, "a calibration that could not tell the axes apart is not used")
    let noLateral = telemetry(vehicleFrame: false).acceleration(lateral: true, calibrationJSON: nil)
    XCTAssertEqual(noLateral.source, .unknown)
    XCTAssertTrue(noLateral.valuesMPS2.allSatisfy { $0 == nil })
  }
}
