import ArgumentParser
import FSDStore
import Foundation

struct MotionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "motion",
    abstract: "Print the stored per-frame motion series of one front-camera clip.",
    discussion: """
      Columns: pts_s (frame time in seconds, pts × time base) and mafd (mean absolute luma
      difference to the previous frame, in percent of full scale, as FFmpeg's scdet filter
      computes it; 0 for the first frame).
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
        let why = record.camera != "front"
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
    var text = "pts_s,mafd\n"
    text.reserveCapacity(motion.frameCount * 20)
    for index in 0..<motion.frameCount {
      text += String(format: "%.6f,%.4f\n", motion.ptsSeconds[index], motion.mafd[index])
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  private struct JSONSeries: Encodable {
    struct Frame: Encodable { let pts_s: Double; let mafd: Double }
    let clip: String
    let clip_id: Int64
    let decode_quality: String?
    let frames: [Frame]
  }

  private func writeJSON(_ motion: StoredMotion, record: ClipRecord) throws {
    let frames = (0..<motion.frameCount).map {
      JSONSeries.Frame(pts_s: motion.ptsSeconds[$0], mafd: (Double(motion.mafd[$0]) * 10_000).rounded() / 10_000)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(JSONSeries(clip: record.path, clip_id: record.id ?? 0,
                                             decode_quality: record.decodeQuality, frames: frames))
    FileHandle.standardOutput.write(data + Data("\n".utf8))
  }
}
