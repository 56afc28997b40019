import FSDSynth
import XCTest

/// The renderer is deterministic, so a generated evaluation set is the same on every machine:
/// two renderers of one scenario draw identical frames. (What a frame costs is measured by
/// tools/bench's synthetic clip, never asserted here: the machines are shared and noisy.)
final class RenderDeterminismTests: XCTestCase {
  func testTwoRenderersOfOneScenarioDrawTheSameFrames() throws {
    var s = Fixtures.cruise(seconds: 30, kmh: 100)
    s.events = [
      .fsdBrake(.init(atS: 8, peakG: 0.4, durationS: 2, verdict: .justified, obstacle: Obstacle(kind: .leadVehicle)))
    ]
    s.distractors = [.shadowBand(.init(atS: 14, count: 3, style: .trees)), .roadPatch(.init(atS: 20))]
    let sim = try DriveSimulation(scenario: s)
    let width = 320, height = 240
    func frame(_ renderer: SceneRenderer, _ index: Int) -> [UInt8] {
      var y = [UInt8](repeating: 0, count: width * height)
      var u = [UInt8](repeating: 0, count: width * height / 4), v = u
      y.withUnsafeMutableBufferPointer { yp in
        u.withUnsafeMutableBufferPointer { up in
          v.withUnsafeMutableBufferPointer { vp in
            renderer.render(sim.state(frame: index), y: yp.baseAddress!, yStride: width, u: up.baseAddress!,
                            v: vp.baseAddress!, uvStride: width / 2)
          }
        }
      }
      return y + u + v
    }
    for camera in [CameraName.front, .back, .left_repeater] {
      let first = SceneRenderer(simulation: sim, camera: camera, width: width, height: height)
      let second = SceneRenderer(simulation: sim, camera: camera, width: width, height: height)
      for index in stride(from: 0, to: sim.frameCount, by: sim.frameCount / 6) {
        let picture = frame(first, index)
        XCTAssertEqual(picture, frame(second, index), "\(camera.rawValue) frame \(index)")
        XCTAssertGreaterThan(Set(picture.prefix(width * height)).count, 20, "\(camera.rawValue) frame \(index) is a picture")
      }
    }
  }
}
