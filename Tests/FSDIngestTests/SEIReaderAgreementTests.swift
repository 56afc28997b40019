import FSDMedia
import FSDTestSupport
import FSDTelemetry
import Foundation
import XCTest
@testable import FSDIngest

/// fsdlog's SEI reader and the independent Python reader (Tesla's published procedure, the
/// protobuf package) must agree on every field of every record of a generated clip.
final class SEIReaderAgreementTests: XCTestCase {
  func testSwiftAndPythonReadersAgreeFieldByField() throws {
    let clip = packageRoot + "/samples/TeslaCam/SavedClips/2026-11-02_08-14-55/2026-11-02_08-14-31-front.mp4"
    var ours: [SeiMetadata] = []
    var undecodable = 0
    try MediaFile(path: clip).forEachVideoPacket { bytes, _ in
      let found = SEICollector.records(inPacket: bytes)
      ours += found.records
      undecodable += found.undecodable
      return true
    }

    let reader = try ProcessRunner.run("/usr/bin/python3", [packageRoot + "/tools/synth/python/tesla_sei_reader.py", clip])
    XCTAssertEqual(reader.status, 0, reader.stderr)
    let theirs = reader.stdout.split(separator: "\n").map {
      try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
    }

    XCTAssertEqual(undecodable, 0)
    XCTAssertEqual(ours.count, 540, "15 s at 36 fps: a record per frame")
    XCTAssertEqual(ours.count, theirs.count)
    // JSON carries a float32 field as its shortest decimal (so compare as float32), and
    // Foundation's JSON parser can land a few ulps off Python's shortest double repr (1e-12
    // relative: 0.01 mm of latitude).
    func float(_ value: Any?) -> Float? { (value as? Double).map(Float.init) }
    func ulps(_ value: Double) -> Double { max(abs(value), 1) * 1e-12 }
    let gears = ["GEAR_PARK", "GEAR_DRIVE", "GEAR_REVERSE", "GEAR_NEUTRAL"]
    let states = ["NONE", "SELF_DRIVING", "AUTOSTEER", "TACC"]
    for (mine, other) in zip(ours, theirs) {
      XCTAssertEqual(Int(mine.version), other["version"] as? Int)
      XCTAssertEqual(gears[mine.gearState.rawValue], other["gear_state"] as? String)
      XCTAssertEqual("\(mine.frameSeqNo)", other["frame_seq_no"] as? String)
      XCTAssertEqual(mine.vehicleSpeedMps, float(other["vehicle_speed_mps"]))
      XCTAssertEqual(mine.acceleratorPedalPosition, float(other["accelerator_pedal_position"]))
      XCTAssertEqual(mine.steeringWheelAngle, float(other["steering_wheel_angle"]))
      XCTAssertEqual(mine.blinkerOnLeft, other["blinker_on_left"] as? Bool)
      XCTAssertEqual(mine.blinkerOnRight, other["blinker_on_right"] as? Bool)
      XCTAssertEqual(mine.brakeApplied, other["brake_applied"] as? Bool)
      XCTAssertEqual(states[mine.autopilotState.rawValue], other["autopilot_state"] as? String)
      XCTAssertEqual(mine.latitudeDeg, other["latitude_deg"] as! Double, accuracy: ulps(mine.latitudeDeg))
      XCTAssertEqual(mine.longitudeDeg, other["longitude_deg"] as! Double, accuracy: ulps(mine.longitudeDeg))
      XCTAssertEqual(mine.headingDeg, other["heading_deg"] as! Double, accuracy: ulps(mine.headingDeg))
      XCTAssertEqual(mine.linearAccelerationMps2X, other["linear_acceleration_mps2_x"] as! Double, accuracy: ulps(mine.linearAccelerationMps2X))
      XCTAssertEqual(mine.linearAccelerationMps2Y, other["linear_acceleration_mps2_y"] as! Double, accuracy: ulps(mine.linearAccelerationMps2Y))
      XCTAssertEqual(mine.linearAccelerationMps2Z, other["linear_acceleration_mps2_z"] as! Double, accuracy: ulps(mine.linearAccelerationMps2Z))
    }
    // The sample drive brakes at 0.38 g: the records carry it (not an all-zero stream).
    XCTAssertLessThan(ours.map(\.vehicleSpeedMps).min() ?? 99, 27)
  }
}
