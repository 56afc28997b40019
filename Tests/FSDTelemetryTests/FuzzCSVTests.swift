import FSDTestSupport
import Foundation
import XCTest

@testable import FSDTelemetry

/// A seeded random and mutation fuzz of `CSVTelemetryReader.read(data:path:)`: random bytes,
/// truncated files, flipped bytes, commas, quotes and line breaks added or removed, hostile
/// numbers and times. No input may crash; every outcome must be a series that keeps the readers'
/// promises or a `CSVProblem` about the file. 50,000 inputs in the default run, 1,000,000 in the
/// long tier (`FSDLOG_LONG_TESTS=1`, which `.ci/run` sets), spread over the dialects' seed files;
/// FSDLOG_FUZZ_ITERATIONS and FSDLOG_FUZZ_SEED change that (docs/csv.md).
final class FuzzCSVTests: XCTestCase {
  static let seeds: [(path: String, text: String)] = [
    ("telemetry/laps.csv", CSVFixtures.canonical),
    (CSVFixtures.teslaSEIPath, CSVFixtures.teslaSEI),
    (CSVFixtures.trackModePath, CSVFixtures.trackMode),
    ("route/2026-07-04--09-05-59--3/carState.csv", CSVFixtures.openpilot),
    ("tessie.csv", CSVFixtures.tessie),
  ].map { (path, text) in
    (path, text.split(separator: "\n", omittingEmptySubsequences: false).prefix(5).joined(separator: "\n"))
  }

  static let hostileCells = [
    "", " ", "\"", "\"\"", "nan", "NaN", "-nan", "inf", "-Infinity", "1e999", "-1e308", "1e-400", "0x1p3",
    "1.7976931348623157e308",
    "18446744073709551616", "99999999999999999999999999", String(repeating: "9", count: 500), "-0", "+", "-", ".", "e",
    "1e",
    "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2026-11-02T08:14:31+18:00", "2026-11-02T08:14:31",
    "12/31/9999 11:59 PM",
    "2026-02-29T00:00:00Z", "1e10", "1e8", "\u{FFFD}", "\u{301}", "🚗", "\u{0}", "TRUE", "tacc", "3", "-1", "4294967296",
    "NONE", "SELF_DRIVING", "\r", "\n", ",", "Lap", "time (PDT)", "Speed (furlongs)",
  ].map { Array($0.utf8) }

  func testRandomAndMutatedInputsNeverCrash() throws {
    let environment = ProcessInfo.processInfo.environment
    let total = TestTier.count("FSDLOG_FUZZ_ITERATIONS", normal: 50_000, long: 1_000_000)
    let seed = environment["FSDLOG_FUZZ_SEED"].flatMap(UInt64.init) ?? 0x5EED_C5F
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
    let started = Date()
    let tallies = Tallies(count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var random = SplitMix64(seed: seed &+ UInt64(worker) &* 0x9E37_79B9_7F4A_7C15)
      let share = total / workers + (worker < total % workers ? 1 : 0)
      var tally = Tally()
      for iteration in 0..<share {
        let source = Self.seeds[(iteration + worker) % Self.seeds.count]
        let input = Self.mutate(Array(source.text.utf8), random: &random)
        tally.add(Self.check(input, path: source.path, random: &random))
      }
      tallies.set(worker, tally)
    }
    let tally = tallies.total
    let seconds = Date().timeIntervalSince(started)
    print(
      "CSV fuzz: \(tally.inputs) inputs (seed \(seed)) in \(String(format: "%.1f", seconds)) s, "
        + "\(String(format: "%.0f", Double(tally.inputs) / seconds)) inputs/s on \(workers) threads: "
        + "\(tally.read) read, \(tally.refused) refused with a CSVProblem, \(tally.splitterChecks) splitter chunk checks"
    )
    XCTAssertEqual(tally.inputs, total)
    XCTAssertEqual(tally.failures, [], "broken promises (first few)")
    XCTAssertGreaterThan(tally.read, total / 20, "mutations should leave many inputs readable")
  }

  // MARK: checking one input

  enum Outcome {
    case read, refused
    case failure(String)
  }

  static func check(_ input: [UInt8], path: String, random: inout SplitMix64) -> (Outcome, splitterChecked: Bool) {
    let zone = random.next() % 4 == 0 ? TimeZone(identifier: "America/Los_Angeles") : nil
    var splitterChecked = false
    if random.next() % 64 == 0 {
      splitterChecked = true
      if let broken = chunkingChangesRecords(input, chunkBytes: Int(random.next() % 7) + 1) {
        return (.failure("\(broken): \(Array(input))"), true)
      }
    }
    do {
      let file = try CSVTelemetryReader.read(data: Data(input), path: path, zoneForNaiveTimes: zone)
      if let broken = brokenPromise(file) {
        return (.failure("\(broken): \(String(decoding: input, as: UTF8.self).debugDescription)"), splitterChecked)
      }
      return (.read, splitterChecked)
    } catch let problem as CSVProblem {
      guard problem.path == path, !problem.message.isEmpty, problem.line >= 0 else {
        return (.failure("bad problem \(problem)"), splitterChecked)
      }
      return (.refused, splitterChecked)
    } catch {
      return (.failure("not a CSVProblem: \(error)"), splitterChecked)
    }
  }

  /// What every series read must satisfy, whatever the input.
  static func brokenPromise(_ file: CSVTelemetryFile) -> String? {
    let samples = file.series.samples
    if samples.isEmpty { return "no samples" }
    if file.skippedRows.count * 2 > file.dataRowCount + file.backwardRowCount * 2 {
      return "too many skipped rows accepted"
    }
    if samples.count + file.skippedRows.count != file.dataRowCount { return "rows lost: \(file.summary)" }
    for (a, b) in zip(samples, samples.dropFirst()) where !(b.timeS >= a.timeS) { return "time goes backwards" }
    if !file.series.isAbsoluteTime, samples[0].timeS != 0 { return "relative series does not start at 0" }
    for sample in samples {
      let values = [
        sample.timeS, sample.speedMPS, sample.accelLongMPS2, sample.accelLatMPS2, sample.accelXMPS2, sample.accelYMPS2,
        sample.accelZMPS2, sample.acceleratorPedal, sample.steeringDeg, sample.latitudeDeg, sample.longitudeDeg,
        sample.headingDeg,
      ].compactMap { $0 }
      if values.contains(where: { !$0.isFinite }) { return "a value is not finite" }
      if let speed = sample.speedMPS, abs(speed) > 150 { return "speed \(speed)" }
      if let pedal = sample.acceleratorPedal, !(0...1).contains(pedal) { return "pedal \(pedal)" }
      if let latitude = sample.latitudeDeg, abs(latitude) > 90 { return "latitude \(latitude)" }
    }
    return nil
  }

  /// Splitting must not depend on where chunks end.
  static func chunkingChangesRecords(_ input: [UInt8], chunkBytes: Int) -> String? {
    func records(_ chunk: Int) -> [String]? {
      var source = RFC4180RowSource(input: CSVDataInput(data: Data(input), chunkBytes: chunk), maxRecordBytes: 64)
      var out: [String] = []
      do {
        while let row = try source.next() {
          out.append("\(row.line):\(row.malformation != nil):\(row.fields.joined(separator: "\u{1F}"))")
        }
      } catch { out.append("error") }
      return out
    }
    let whole = records(1 << 20)
    let chunked = records(chunkBytes)
    return whole == chunked ? nil : "chunks of \(chunkBytes) split differently: \(whole ?? []) vs \(chunked ?? [])"
  }

  // MARK: mutations

  static func mutate(_ seed: [UInt8], random: inout SplitMix64) -> [UInt8] {
    var bytes = seed
    switch random.next() % 10 {
    case 0:  // random bytes, sometimes behind a real header
      let header = random.next() % 2 == 0 ? Array(seed.prefix { $0 != 0x0A }) + [0x0A] : []
      bytes = header + (0..<Int(random.next() % 96)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    case 1:  // truncated
      bytes = Array(seed.prefix(Int(random.next() % UInt64(seed.count + 1))))
    default:
      for _ in 0..<(1 + Int(random.next() % 4)) { mutateOnce(&bytes, seed: seed, random: &random) }
    }
    return bytes
  }

  static func mutateOnce(_ bytes: inout [UInt8], seed: [UInt8], random: inout SplitMix64) {
    let position = Int(random.next() % UInt64(bytes.count + 1))
    switch random.next() % 9 {
    case 0:  // flip a byte
      if position < bytes.count { bytes[position] ^= UInt8(truncatingIfNeeded: random.next() | 1) }
    case 1:  // insert CSV syntax
      let syntax: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x2C, 0x22]
      bytes.insert(syntax[Int(random.next() % UInt64(syntax.count))], at: position)
    case 2:  // remove a comma, quote or line break
      let targets: Set<UInt8> = [0x2C, 0x22, 0x0A, 0x0D]
      if let index = bytes.indices.dropFirst(position).first(where: { targets.contains(bytes[$0]) }) {
        bytes.remove(at: index)
      }
    case 3, 4:  // replace a cell with a hostile one
      replaceCell(&bytes, at: position, with: hostileCells[Int(random.next() % UInt64(hostileCells.count))])
    case 5:  // duplicate a line
      let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
      let line = lines[Int(random.next() % UInt64(lines.count))]
      bytes.insert(contentsOf: Array(line) + [0x0A], at: lineStart(bytes, position))
    case 6:  // remove a line
      let start = lineStart(bytes, position)
      let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
      bytes.removeSubrange(start..<end)
    case 7:  // swap two lines (time going backwards)
      var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
      if lines.count > 2 {
        lines.swapAt(1 + Int(random.next() % UInt64(lines.count - 1)), 1 + Int(random.next() % UInt64(lines.count - 1)))
      }
      bytes = Array(lines.joined(separator: [0x0A]))
    default:  // splice in part of another seed
      let other = Array(seeds[Int(random.next() % UInt64(seeds.count))].text.utf8)
      let from = Int(random.next() % UInt64(other.count))
      bytes.insert(contentsOf: other[from..<min(other.count, from + Int(random.next() % 80))], at: position)
    }
    if bytes.count > 4096 { bytes.removeLast(bytes.count - 4096) }
  }

  static func lineStart(_ bytes: [UInt8], _ position: Int) -> Int {
    bytes[..<position].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
  }

  static func replaceCell(_ bytes: inout [UInt8], at position: Int, with cell: [UInt8]) {
    let separators: Set<UInt8> = [0x2C, 0x0A, 0x0D]
    let start = bytes[..<position].lastIndex { separators.contains($0) }.map { $0 + 1 } ?? 0
    let end = bytes[position...].firstIndex { separators.contains($0) } ?? bytes.count
    bytes.replaceSubrange(start..<end, with: cell)
  }

  // MARK: bookkeeping

  struct Tally: Sendable {
    var inputs = 0, read = 0, refused = 0, splitterChecks = 0
    var failures: [String] = []

    mutating func add(_ result: (Outcome, splitterChecked: Bool)) {
      inputs += 1
      if result.splitterChecked { splitterChecks += 1 }
      switch result.0 {
      case .read: read += 1
      case .refused: refused += 1
      case .failure(let message): if failures.count < 5 { failures.append(message) }
      }
    }
  }

  final class Tallies: @unchecked Sendable {
    private var tallies: [Tally]
    private let lock = NSLock()
    init(count: Int) { tallies = Array(repeating: Tally(), count: count) }
    func set(_ index: Int, _ tally: Tally) { lock.withLock { tallies[index] = tally } }
    var total: Tally {
      lock.withLock {
        tallies.reduce(into: Tally()) { sum, tally in
          sum.inputs += tally.inputs
          sum.read += tally.read
          sum.refused += tally.refused
          sum.splitterChecks += tally.splitterChecks
          sum.failures += tally.failures.prefix(max(0, 5 - sum.failures.count))
        }
      }
    }
  }
}

