import FSDSynth
import Foundation
import XCTest

/// The generator's SEI, read back by an independent Python reader that follows Tesla's published
/// procedure (tools/synth/python/tesla_sei_reader.py), must equal the simulated truth field by
/// field, frame by frame.
final class SEIReadBackTests: XCTestCase {
  static let scenario = """
    {"name": "sei-readback", "seed": 11, "start_local": "2026-11-02T08:14:31", "utc_offset": "-08:00",
     "duration_s": 6, "resolution": {"width": 320, "height": 240}, "initial_speed_kmh": 90,
     "imu_axes": {"longitudinal": "-y", "lateral": "+x"},
     "events": [{"kind": "fsd_brake", "at_s": 2, "peak_g": 0.35, "duration_s": 1.5, "verdict": "phantom"}],
     "output": {"cameras": ["front", "back"], "clip_s": 3}}
    """

  func testPythonReaderSeesEveryFieldOfEveryFrame() throws {
    let out = try SynthTool.generate(Self.scenario)
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    let simulation = try SynthTool.simulation(Self.scenario)
    let fronts = SynthTool.clips(in: out).filter { $0.lastPathComponent.hasSuffix("-front.mp4") }
    XCTAssertEqual(fronts.count, 2, "6 s in clips of 3 s")
    var frame = 0
    for clip in fronts {
      let reader = SynthTool.packageRoot.appendingPathComponent("tools/synth/python/tesla_sei_reader.py").path
      let result = try SynthTool.run("/usr/bin/python3", [reader, clip.path])
      XCTAssertEqual(result.status, 0, result.stderr)
      for line in result.stdout.split(separator: "\n") {
        let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let truth = simulation.state(frame: frame)
        XCTAssertEqual(record["frame_seq_no"] as? String, "\(truth.frameIndex)")
        XCTAssertEqual(record["version"] as? Int, 1)
        XCTAssertEqual(record["gear_state"] as? String, "GEAR_DRIVE")
        XCTAssertEqual(record["vehicle_speed_mps"] as! Double, truth.speedMPS, accuracy: 1e-4)
        XCTAssertEqual(record["accelerator_pedal_position"] as! Double, truth.acceleratorPedal, accuracy: 1e-5)
        XCTAssertEqual(record["steering_wheel_angle"] as! Double, truth.steeringWheelDeg, accuracy: 1e-4)
        XCTAssertEqual(record["blinker_on_left"] as? Bool, truth.blinkerLeft)
        XCTAssertEqual(record["blinker_on_right"] as? Bool, truth.blinkerRight)
        XCTAssertEqual(record["brake_applied"] as? Bool, truth.brakeApplied)
        XCTAssertEqual(record["autopilot_state"] as? String, "SELF_DRIVING")
        XCTAssertEqual(record["latitude_deg"] as! Double, truth.latitudeDeg, accuracy: 1e-12)
        XCTAssertEqual(record["longitude_deg"] as! Double, truth.longitudeDeg, accuracy: 1e-12)
        XCTAssertEqual(record["heading_deg"] as! Double, truth.headingDeg, accuracy: 1e-12)
        XCTAssertEqual(record["linear_acceleration_mps2_x"] as! Double, truth.imuX, accuracy: 1e-12)
        XCTAssertEqual(record["linear_acceleration_mps2_y"] as! Double, truth.imuY, accuracy: 1e-12)
        XCTAssertEqual(record["linear_acceleration_mps2_z"] as! Double, truth.imuZ, accuracy: 1e-12)
        frame += 1
      }
      XCTAssertTrue(result.stderr.contains("\"undecodable\": 0"), result.stderr)
    }
    XCTAssertEqual(frame, simulation.frameCount, "one record per frame")
    // The declared axis convention is what the SEI carries: braking shows on -y as +deceleration.
    let braking = (0..<simulation.frameCount).map(simulation.state).min { $0.accelLongMPS2 < $1.accelLongMPS2 }!
    XCTAssertLessThan(braking.accelLongMPS2, -3)
    XCTAssertEqual(braking.imuY, -braking.accelLongMPS2, accuracy: 0.2)
  }

  func testCorruptedRecordsAreCountedByTheIndependentReader() throws {
    let out = try SynthTool.generate(Self.scenario, flags: ["--corrupt-sei", "0.25", "--cameras", "front"])
    defer { try? FileManager.default.removeItem(at: out.deletingLastPathComponent()) }
    let truth = try JSONSerialization.jsonObject(
      with: Data(contentsOf: out.appendingPathComponent("ground-truth/sei-readback.json"))) as! [String: Any]
    let clips = truth["clips"] as! [[String: Any]]
    let corrupted = clips.reduce(0) { $0 + ($1["corrupted_sei_records"] as! Int) }
    XCTAssertGreaterThan(corrupted, 20)
    XCTAssertLessThan(corrupted, 90, "about a quarter of 216 frames")
    var undecodable = 0, decoded = 0
    for clip in SynthTool.clips(in: out) {
      let reader = SynthTool.packageRoot.appendingPathComponent("tools/synth/python/tesla_sei_reader.py").path
      let result = try SynthTool.run("/usr/bin/python3", [reader, clip.path])
      let summary = try JSONSerialization.jsonObject(with: Data(result.stderr.split(separator: "\n").last!.utf8)) as! [String: Any]
      undecodable += summary["undecodable"] as! Int
      decoded += summary["records"] as! Int
    }
    XCTAssertEqual(undecodable, corrupted)
    XCTAssertEqual(decoded + undecodable, 216)
  }
}
