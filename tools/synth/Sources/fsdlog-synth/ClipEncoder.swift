import FSDMedia
import FSDSynth
import FSDTelemetry
import Foundation

/// Renders, encodes and (when asked) damages one clip file.
struct ClipEncoder {
  let simulation: DriveSimulation
  let options: OutputOptions

  struct Result: Sendable {
    var seiRecords = 0
    var corruptedRecords = 0
    var truncatedTo: OutputOptions.Truncation = .none
  }

  func encode(_ job: ClipJob) throws -> Result {
    try FileManager.default.createDirectory(
      atPath: (job.path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let size = simulation.scenario.frameSize(for: job.camera)
    let renderer = SceneRenderer(simulation: simulation, camera: job.camera, width: size.width, height: size.height)
    var settings = EncoderSettings(width: size.width, height: size.height,
                                   framesPerSecond: Int(simulation.fps.rounded()))
    settings.preset = options.x264Preset
    settings.crf = options.x264CRF
    settings.creationTime = simulation.startUTC.addingTimeInterval(job.startS)
    let truncation = job.isLastClip ? options.truncateLast : .none
    settings.moovFirst = truncation == .shortMdat
    let encoder = try MP4Encoder(path: job.path, settings: settings)

    var result = Result()
    for frame in job.frames {
      let state = simulation.state(frame: frame)
      var units: [[UInt8]] = []
      if options.sei {
        var protobuf: [UInt8] = try SEIRecordBuilder.record(for: state).serializedBytes()
        if SeededChoice.chosen(frame: frame, seed: simulation.scenario.seed, fraction: options.corruptSEIFraction) {
          var generator = SeededChoice.generator(frame: frame, seed: simulation.scenario.seed)
          protobuf = SEIRecordBuilder.corrupted(protobuf, using: &generator)
          result.corruptedRecords += 1
        }
        units.append(TeslaSEI.nalUnit(protobuf: protobuf))
        result.seiRecords += 1
      }
      try encoder.encodeFrame(nalUnits: units) { planes in
        renderer.render(state, y: planes.y, yStride: planes.yStride, u: planes.u, v: planes.v, uvStride: planes.uvStride)
      }
    }
    try encoder.finish()

    if truncation != .none {
      // no_moov: the index is written last, so cutting 30 % off removes it (power cut while
      // recording). short_mdat: the index came first; cutting 40 % off loses the last frames.
      let keep = truncation == .noMoov ? 0.70 : 0.60
      let bytes = (try FileManager.default.attributesOfItem(atPath: job.path)[.size] as? NSNumber)?.doubleValue ?? 0
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: job.path))
      try handle.truncate(atOffset: UInt64(bytes * keep))
      try handle.close()
      result.truncatedTo = truncation
    }
    return result
  }
}

/// Deterministic per-frame choices (which SEI records to damage), reproducible from the seed.
enum SeededChoice {
  static func chosen(frame: Int, seed: UInt64, fraction: Double) -> Bool {
    guard fraction > 0 else { return false }
    var generator = generator(frame: frame, seed: seed)
    return generator.unit() < fraction
  }

  static func generator(frame: Int, seed: UInt64) -> SeededRandom {
    SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(frame) &+ 0x5EED)
  }
}
