import FSDDomain
import ArgumentParser
import FSDStore
import Foundation

struct MotionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "motion",
    abstract: "Print the stored per-frame motion series of one front-camera clip.",
    discussion: """
      Columns:
        pts_s       frame time in seconds (pts × time base)
        mafd        mean absolute luma difference to the previous frame, percent of full scale,
                    as FFmpeg's scdet computes it (0 for the first frame); with --decode exact it
                    equals scdet's, with analysis decoding it is taken on the 4x4-downsampled
                    picture (cheaper; same shape)
        dx, dy      shift of the distant scene since the previous frame in full-resolution
                    pixels, + = right / down: yaw left moves it right, nose-down pitch moves it up
        expansion   picture scale change since the previous frame, per mille: forward motion
        brightness  mean luma, 0-255
        confidence  0-1, how well the shift estimates fit the frame
      Clips ingested before these columns existed show them empty: ingest --force redoes them.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

  @Argument(help: ArgumentHelp("The clip: its path as ingested, a unique end of that path, or its id.", valueName: "clip"))
  var clip: String

  @OptionGroup var database: DatabaseOptions

  @Option(help: "csv or json.")
  var format: Format = .csv

  func run() throws {
    try Console.run {
      let store = try database.openExisting()
      guard let record = try store.findClip(clip), let id = record.id else {
        throw Failure(message: "\(StoreError.clipNotFound(clip))", exitCode: 1)
      }
      guard let motion = try store.motion(clipID: id) else {
        let why = !record.camera.isFront
          ? "only front-camera clips are analysed; this one is \(record.camera)"
          : "the clip was not analysed (status \(record.status.rawValue)\(record.error.map { ": \($0)" } ?? ""))"
        throw Failure(message: "no motion series for \(record.path): \(why)", exitCode: 1)
      }
      switch format {
      case .csv: writeCSV(motion)
      case .json: try writeJSON(motion, record: record)
      }
    }
  }

  private func writeCSV(_ motion: StoredMotion) {
    var text = "pts_s,mafd,dx,dy,expansion,brightness,confidence\n"
    text.reserveCapacity(motion.frameCount * 48)
    for index in 0..<motion.frameCount {
      text += String(format: "%.6f,%.4f", motion.ptsSeconds[index], motion.mafd[index])
      if motion.hasEgoMotion {
        text += String(format: ",%.3f,%.3f,%.3f,%.2f,%.3f\n", motion.dx[index], motion.dy[index],
                       motion.expansion[index], motion.brightness[index], motion.confidence[index])
      } else {
        text += ",,,,,\n"
      }
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  private struct JSONSeries: Encodable {
    struct Frame: Encodable {
      let pts_s: Double
      let mafd: Double
      let dx: Double?, dy: Double?, expansion: Double?, brightness: Double?, confidence: Double?
    }
    let clip: String
    let clip_id: Int64
    let decode_quality: String?
    let frames: [Frame]
  }

  private func writeJSON(_ motion: StoredMotion, record: ClipRecord) throws {
    func rounded(_ value: Float, _ places: Double) -> Double { (Double(value) * places).rounded() / places }
    let ego = motion.hasEgoMotion
    let frames = (0..<motion.frameCount).map {
      JSONSeries.Frame(
        pts_s: motion.ptsSeconds[$0], mafd: rounded(motion.mafd[$0], 10_000),
        dx: ego ? rounded(motion.dx[$0], 1000) : nil, dy: ego ? rounded(motion.dy[$0], 1000) : nil,
        expansion: ego ? rounded(motion.expansion[$0], 1000) : nil,
        brightness: ego ? rounded(motion.brightness[$0], 100) : nil,
        confidence: ego ? rounded(motion.confidence[$0], 1000) : nil)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(JSONSeries(clip: record.path, clip_id: record.id ?? 0,
                                             decode_quality: record.decodeQuality, frames: frames))
    FileHandle.standardOutput.write(data + Data("\n".utf8))
  }
}
