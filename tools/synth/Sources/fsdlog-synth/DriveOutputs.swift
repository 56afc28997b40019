import FSDMedia
import FSDSynth
import Foundation

/// Everything about a drive besides its clips: event.json and thumb.png for saved/sentry
/// folders, the companion CSVs, and the ground-truth file.
struct DriveOutputs {
  let simulation: DriveSimulation
  let options: OutputOptions
  let plan: ClipPlan
  let outputRoot: URL

  /// Writes event.json (every value a string, as the car writes it) and thumb.png.
  func writeEventFolder() throws {
    guard let folder = plan.eventFolder else { return }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let eventFrame = min(simulation.frameCount - 1, Int(plan.eventAtS * simulation.fps))
    let state = simulation.state(frame: eventFrame)
    var fields: [String: String] = [
      "timestamp": simulation.clock.localISO8601(atS: plan.eventAtS),
      "est_lat": String(format: "%.4f", state.latitudeDeg),
      "est_lon": String(format: "%.4f", state.longitudeDeg),
      "reason": options.eventReason,
      "camera": "0",
    ]
    if let city = options.city { fields["city"] = city }
    if let street = options.street { fields["street"] = street }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(fields).write(to: folder.appendingPathComponent("event.json"))

    // thumb.png: the front camera at the event, a quarter of its size.
    let size = simulation.scenario.frameSize(for: .front)
    let renderer = SceneRenderer(simulation: simulation, camera: .front, width: size.width, height: size.height)
    let chromaWidth = (size.width + 1) / 2, chromaHeight = (size.height + 1) / 2
    var luma = [UInt8](repeating: 0, count: size.width * size.height)
    var blue = [UInt8](repeating: 128, count: chromaWidth * chromaHeight)
    var red = [UInt8](repeating: 128, count: chromaWidth * chromaHeight)
    try luma.withUnsafeMutableBufferPointer { y in
      try blue.withUnsafeMutableBufferPointer { u in
        try red.withUnsafeMutableBufferPointer { v in
          renderer.render(state, y: y.baseAddress!, yStride: size.width, u: u.baseAddress!, v: v.baseAddress!, uvStride: chromaWidth)
          let planes = YUVPlanes(width: size.width, height: size.height, y: y.baseAddress!, yStride: size.width,
                                 u: u.baseAddress!, v: v.baseAddress!, uvStride: chromaWidth)
          try PNGWriter.write(planes, to: folder.appendingPathComponent("thumb.png").path,
                              width: size.width / 4, height: size.height / 4)
        }
      }
    }
  }

  struct CSVFile: Codable { let dialect: String; let path: String }

  func writeCSVs() throws -> [CSVFile] {
    guard !options.csv.isEmpty else { return [] }
    let folder = outputRoot.appendingPathComponent("telemetry")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let writer = TelemetryCSVWriter(simulation: simulation, startUTC: simulation.startUTC,
                                    clockOffsetS: options.csvClockOffsetS, noise: options.csvNoise,
                                    seed: simulation.scenario.seed)
    let name = simulation.scenario.name
    var files: [CSVFile] = []
    func save(_ text: String, _ relative: String, _ dialect: TelemetryCSVWriter.Dialect) throws {
      let url = folder.appendingPathComponent(relative)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
      files.append(CSVFile(dialect: dialect.rawValue, path: relativePath(url)))
    }
    for dialect in options.csv {
      switch dialect {
      case .canonical:
        try save(writer.canonical(), "\(name).csv", .canonical)
      case .teslaSEI:
        // Tesla's reader exports one CSV per clip.
        for job in plan.jobs(scenarioIndex: 0) where job.camera == .front {
          let stem = ((job.path as NSString).lastPathComponent as NSString).deletingPathExtension
          try save(writer.teslaSEI(frames: job.frames), "\(name)-tesla-sei/\(stem).csv", .teslaSEI)
        }
      case .trackMode:
        let stamp = simulation.clock.teslaFileStamp(atS: 0)
        try save(writer.trackMode(), "telemetry-v1-\(stamp).csv", .trackMode)
      }
    }
    return files
  }

  struct ClipRecord: Codable {
    let path: String
    let camera: String
    let startS: Double
    let frames: Int
    let startUTC: String
    let seiRecords: Int
    let corruptedSEIRecords: Int
    let truncated: String
  }

  struct Manifest: Codable {
    let truth: GroundTruth
    let clips: [ClipRecord]
    let csv: [CSVFile]
    let csvClockOffsetS: Double
    let csvNoise: Double
  }

  func writeGroundTruth(clips: [(ClipJob, ClipEncoder.Result)], csv: [CSVFile]) throws -> URL {
    let records = clips.map { job, result in
      ClipRecord(path: relativePath(URL(fileURLWithPath: job.path)), camera: job.camera.rawValue, startS: job.startS,
                 frames: job.frames.count, startUTC: simulation.clock.utcISO8601(atS: job.startS),
                 seiRecords: result.seiRecords, corruptedSEIRecords: result.corruptedRecords,
                 truncated: result.truncatedTo.rawValue)
    }
    let manifest = Manifest(truth: simulation.groundTruth, clips: records, csv: csv,
                            csvClockOffsetS: options.csvClockOffsetS, csvNoise: options.csvNoise)
    let folder = outputRoot.appendingPathComponent("ground-truth")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent("\(simulation.scenario.name).json")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    try encoder.encode(manifest).write(to: url)
    return url
  }

  private func relativePath(_ url: URL) -> String {
    let root = outputRoot.standardizedFileURL.path + "/"
    let path = url.standardizedFileURL.path
    return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
  }
}
