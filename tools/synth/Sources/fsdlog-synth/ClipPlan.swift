import FSDSynth
import Foundation

/// One output file: a camera's clip covering a run of the drive's frames.
struct ClipJob: Sendable {
  let scenarioIndex: Int
  let clipIndex: Int
  let camera: CameraName
  let frames: Range<Int>
  /// Absolute path of the .mp4 to write.
  let path: String
  let startS: Double
  let isLastClip: Bool
}

/// Where a drive's clips go and how they are cut: ~60 s files named with the car-local start time.
struct ClipPlan {
  let simulation: DriveSimulation
  let options: OutputOptions
  let teslaCamRoot: URL

  var framesPerClip: Int { max(1, Int((options.clipSeconds * simulation.fps).rounded())) }
  var clipCount: Int { (simulation.frameCount + framesPerClip - 1) / framesPerClip }
  var cameras: [CameraName] { options.cameras ?? simulation.scenario.cameras }

  /// When the event of a saved/sentry folder happened, seconds from the drive start.
  var eventAtS: Double {
    min(options.eventAtS ?? simulation.scenario.durationS, simulation.scenario.durationS)
  }

  /// The folder the clips are written to.
  func folder(forClipStartS startS: Double) -> URL {
    let clock = simulation.clock
    switch options.layout {
    case .recent:
      return teslaCamRoot.appendingPathComponent("RecentClips")
    case .recentDaily:
      let day = String(clock.localISO8601(atS: startS).prefix(10))
      return teslaCamRoot.appendingPathComponent("RecentClips").appendingPathComponent(day)
    case .saved:
      return teslaCamRoot.appendingPathComponent("SavedClips").appendingPathComponent(clock.teslaFileStamp(atS: eventAtS))
    case .sentry:
      return teslaCamRoot.appendingPathComponent("SentryClips").appendingPathComponent(clock.teslaFileStamp(atS: eventAtS))
    }
  }

  var eventFolder: URL? {
    [.saved, .sentry].contains(options.layout) ? folder(forClipStartS: 0) : nil
  }

  func jobs(scenarioIndex: Int) -> [ClipJob] {
    (0..<clipCount).flatMap { clipIndex -> [ClipJob] in
      let first = clipIndex * framesPerClip
      let frames = first..<min(first + framesPerClip, simulation.frameCount)
      let startS = simulation.state(frame: first).timeS
      let stamp = simulation.clock.teslaFileStamp(atS: startS)
      return cameras.map { camera in
        ClipJob(
          scenarioIndex: scenarioIndex, clipIndex: clipIndex, camera: camera, frames: frames,
          path: folder(forClipStartS: startS).appendingPathComponent("\(stamp)-\(camera.rawValue).mp4").path,
          startS: startS, isLastClip: clipIndex == clipCount - 1)
      }
    }
  }
}
