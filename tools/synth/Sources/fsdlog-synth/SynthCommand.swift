import ArgumentParser
import FSDMedia
import FSDSynth
import Foundation
import Synchronization

/// `fsdlog-synth`: renders scripted drives into a TeslaCam tree with SEI telemetry, companion
/// CSVs and ground truth.
struct SynthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fsdlog-synth",
    abstract: "Generate synthetic TeslaCam drives (video, SEI telemetry, CSVs, ground truth) from scenario files.",
    discussion: """
      Each SCENARIO is a JSON file (format: tools/synth/README.md). Its optional "output" object says
      how to lay the drive out; the flags below override it for every scenario. Output under --out:
        TeslaCam/...               the clips, as the car writes them
        telemetry/...              companion CSVs (when asked for)
        ground-truth/NAME.json     the events a perfect detector reports, and what was written
      """)

  @Argument(help: ArgumentHelp("Scenario JSON files.", valueName: "scenario"))
  var scenarios: [String]

  @Option(help: "Output folder (created if missing).")
  var out: String

  @Option(help: "Files encoded at once (default: number of cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Cameras to write, comma-separated (default: the scenario's).", valueName: "front,back,..."))
  var cameras: String?

  @Option(help: ArgumentHelp("Layout: recent, recent_daily, saved or sentry.", valueName: "layout"))
  var layout: String?

  @Flag(help: "Write no SEI telemetry (older firmware, app-saved clips).")
  var noSei = false

  @Option(help: ArgumentHelp("Share of SEI records to make undecodable, 0...1.", valueName: "fraction"))
  var corruptSei: Double?

  @Option(help: ArgumentHelp("Damage the last clip: none, no_moov or short_mdat.", valueName: "kind"))
  var truncateLast: String?

  @Option(help: ArgumentHelp("Companion CSVs, comma-separated: canonical, tesla_sei, track_mode.", valueName: "dialects"))
  var csv: String?

  @Option(help: ArgumentHelp("Seconds added to CSV clocks.", valueName: "seconds"))
  var csvOffset: Double?

  @Option(help: ArgumentHelp("Noise (standard deviation) on CSV speed and acceleration.", valueName: "sigma"))
  var csvNoise: Double?

  @Option(help: ArgumentHelp("x264 preset (default superfast).", valueName: "preset"))
  var preset: String?

  @Flag(help: "Print nothing but errors.")
  var quiet = false

  func run() throws {
    FFmpegLog.setVerbose(false)
    let outputRoot = URL(fileURLWithPath: out).standardizedFileURL
    let drives = try scenarios.map(loadDrive)
    let teslaCam = outputRoot.appendingPathComponent("TeslaCam")
    let plans = drives.map { ClipPlan(simulation: $0.simulation, options: $0.options, teslaCamRoot: teslaCam) }
    let jobsList = plans.enumerated().flatMap { index, plan in plan.jobs(scenarioIndex: index) }
    log("writing \(jobsList.count) clip files for \(drives.count) scenario(s) into \(outputRoot.path)")

    let started = Date()
    let results = try encodeInParallel(jobsList, drives: drives)
    for (index, drive) in drives.enumerated() {
      let outputs = DriveOutputs(simulation: drive.simulation, options: drive.options, plan: plans[index], outputRoot: outputRoot)
      try outputs.writeEventFolder()
      let csvFiles = try outputs.writeCSVs()
      let clips = zip(jobsList, results).filter { $0.0.scenarioIndex == index }
      let truthURL = try outputs.writeGroundTruth(clips: clips, csv: csvFiles)
      let truth = drive.simulation.groundTruth
      log("\(drive.simulation.scenario.name): \(clips.count) clips, \(truth.events.count) events, "
          + "\(truth.distractors.count) distractors → \(truthURL.lastPathComponent)")
    }
    let frames = jobsList.reduce(0) { $0 + $1.frames.count }
    let seconds = Date().timeIntervalSince(started)
    log(String(format: "done: %d frames in %.1f s (%.0f frames/s)", frames, seconds, Double(frames) / max(seconds, 0.001)))
  }

  private struct Drive: Sendable {
    let simulation: DriveSimulation
    let options: OutputOptions
  }

  private func loadDrive(_ path: String) throws -> Drive {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ValidationError("\(path): cannot read: \(error.localizedDescription)")
    }
    do {
      // The "output" object is this tool's; the scenario proper is the rest.
      guard var object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw ValidationError("\(path): a scenario file is a JSON object")
      }
      var options = try JSONDecoder().decode(ScenarioFileOutput.self, from: data).output ?? OutputOptions()
      object.removeValue(forKey: "output")
      let scenario = try Scenario.decode(json: try JSONSerialization.data(withJSONObject: object))
      try applyFlags(to: &options)
      return Drive(simulation: try DriveSimulation(scenario: scenario), options: options)
    } catch let error as ValidationError {
      throw error
    } catch {
      throw ValidationError("\(path): \(error)")
    }
  }

  private func applyFlags(to options: inout OutputOptions) throws {
    if let cameras {
      options.cameras = try cameras.split(separator: ",").map { name in
        guard let camera = CameraName(rawValue: String(name)) else {
          throw ValidationError("unknown camera '\(name)'; use \(CameraName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return camera
      }
    }
    if let layout {
      guard let value = OutputOptions.Layout(rawValue: layout) else {
        throw ValidationError("unknown layout '\(layout)'; use recent, recent_daily, saved or sentry")
      }
      options.layout = value
    }
    if noSei { options.sei = false }
    if let corruptSei {
      guard (0...1).contains(corruptSei) else { throw ValidationError("--corrupt-sei is a fraction between 0 and 1") }
      options.corruptSEIFraction = corruptSei
    }
    if let truncateLast {
      guard let value = OutputOptions.Truncation(rawValue: truncateLast) else {
        throw ValidationError("unknown --truncate-last '\(truncateLast)'; use none, no_moov or short_mdat")
      }
      options.truncateLast = value
    }
    if let csv {
      options.csv = try csv.split(separator: ",").map { name in
        guard let dialect = TelemetryCSVWriter.Dialect(rawValue: String(name)) else {
          throw ValidationError("unknown CSV dialect '\(name)'; use canonical, tesla_sei or track_mode")
        }
        return dialect
      }
    }
    if let csvOffset { options.csvClockOffsetS = csvOffset }
    if let csvNoise { options.csvNoise = csvNoise }
    if let preset { options.x264Preset = preset }
  }

  private final class Shared: Sendable {
    struct State {
      var next = 0
      var results: [ClipEncoder.Result?]
      var error: (any Error)?
      var done = 0
    }
    let state: Mutex<State>
    init(count: Int) { state = Mutex(State(results: Array(repeating: nil, count: count))) }
  }

  private func encodeInParallel(_ jobs: [ClipJob], drives: [Drive]) throws -> [ClipEncoder.Result] {
    let shared = Shared(count: jobs.count)
    let group = DispatchGroup()
    let quiet = self.quiet
    for _ in 0..<min(max(1, self.jobs), max(1, jobs.count)) {
      group.enter()
      let thread = Thread {
        defer { group.leave() }
        while true {
          let index: Int? = shared.state.withLock { state in
            guard state.error == nil, state.next < jobs.count else { return nil }
            defer { state.next += 1 }
            return state.next
          }
          guard let index else { return }
          let job = jobs[index]
          let drive = drives[job.scenarioIndex]
          do {
            let result = try ClipEncoder(simulation: drive.simulation, options: drive.options).encode(job)
            let done = shared.state.withLock { state in
              state.results[index] = result
              state.done += 1
              return state.done
            }
            if !quiet {
              FileHandle.standardError.write(Data("[\(done)/\(jobs.count)] \(job.path)\n".utf8))
            }
          } catch {
            shared.state.withLock { state in if state.error == nil { state.error = error } }
          }
        }
      }
      thread.stackSize = 8 << 20
      thread.start()
    }
    group.wait()
    return try shared.state.withLock { state in
      if let error = state.error { throw error }
      return state.results.map { $0! }
    }
  }

  private func log(_ message: String) {
    if !quiet { FileHandle.standardError.write(Data((message + "\n").utf8)) }
  }
}
