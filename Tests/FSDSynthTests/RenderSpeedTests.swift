import FSDSynth
import XCTest

/// Prints the render cost per frame (no assertion: the machines are shared and noisy).
final class RenderSpeedTests: XCTestCase {
  /// CPU time of this thread: less disturbed than wall time when other jobs share the machine.
  static func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }

  func testPrintRenderMillisecondsPerFrame() throws {
    var s = Fixtures.cruise(seconds: 30, kmh: 100)
    s.events = [
      .fsdBrake(.init(atS: 8, peakG: 0.4, durationS: 2, verdict: .justified, obstacle: Obstacle(kind: .leadVehicle)))
    ]
    s.distractors = [.shadowBand(.init(atS: 14, count: 3, style: .trees)), .roadPatch(.init(atS: 20))]
    let sim = try DriveSimulation(scenario: s)
    let width = 1280
    let height = 960
    var y = [UInt8](repeating: 0, count: width * height)
    var u = [UInt8](repeating: 0, count: width * height / 4)
    var v = u
    for camera in [CameraName.front, .back, .left_repeater] {
      let renderer = SceneRenderer(simulation: sim, camera: camera, width: width, height: height)
      var checksum = 0
      let frames = camera == .front ? 360 : 120
      let start = Date()
      let cpuStart = Self.threadCPUSeconds()
      for k in 0..<frames {
        let state = sim.state(frame: (k * 3) % sim.frameCount)
        y.withUnsafeMutableBufferPointer { yp in
          u.withUnsafeMutableBufferPointer { up in
            v.withUnsafeMutableBufferPointer { vp in
              renderer.render(
                state, y: yp.baseAddress!, yStride: width, u: up.baseAddress!, v: vp.baseAddress!, uvStride: width / 2)
            }
          }
        }
        checksum &+= Int(y[(k * 7919) % y.count])
      }
      let ms = Date().timeIntervalSince(start) * 1000 / Double(frames)
      let cpuMS = (Self.threadCPUSeconds() - cpuStart) * 1000 / Double(frames)
      print(
        String(
          format: "render %@ %dx%d: %.2f ms/frame CPU, %.2f ms wall (%d frames, checksum %d)", camera.rawValue, width,
          height, cpuMS, ms, frames, checksum))
    }
  }
}
