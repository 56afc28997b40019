import FSDDiscovery
import FSDMedia
import FSDTelemetry
import FSDTestSupport
import Foundation
import XCTest

@testable import FSDIngest
@testable import FSDMedia

/// The telemetry-first scan reads each sample's head (MediaFile.forEachVideoSampleHead) instead
/// of demuxing the file. It must find exactly what the demuxer finds (every record, every time,
/// every field), read a small share of the file, and hand damaged or unusual files to the demuxer.
final class SampleHeadScanTests: XCTestCase {
  /// What a scan collected, and what it read.
  private struct Collected {
    var sei = SEICollector()
    var pts: [Double?] = []
    var outcome: DecodeOutcome?
    /// Bytes the reader asked for (the whole file for the demuxer).
    var bytesRead = 0
  }

  private func demuxed(_ path: String) throws -> Collected {
    var collected = Collected()
    collected.outcome = try MediaFile(path: path).forEachVideoPacket { bytes, pts in
      collected.sei.add(packet: bytes, ptsS: pts)
      collected.pts.append(pts)
      return true
    }
    collected.bytesRead = Int(try fileSize(path))
    return collected
  }

  private func fromHeads(_ path: String) throws -> Collected {
    var collected = Collected()
    let scan = try MediaFile(path: path).forEachVideoSampleHead { units, pts in
      collected.sei.add(packet: units, ptsS: pts)
      collected.pts.append(pts)
      return true
    }
    collected.outcome = scan.outcome
    collected.bytesRead = scan.bytesNeeded
    return collected
  }

  private func assertSameTelemetry(_ heads: Collected, _ demux: Collected, _ path: String,
                                   file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(heads.sei.samples.count, demux.sei.samples.count, path, file: file, line: line)
    XCTAssertEqual(heads.sei.samples, demux.sei.samples, "every time and field: \(path)", file: file, line: line)
    XCTAssertEqual(heads.sei.undecodable, demux.sei.undecodable, path, file: file, line: line)
    XCTAssertEqual(heads.sei.packets, demux.sei.packets, path, file: file, line: line)
    XCTAssertEqual(heads.sei.coversClip, demux.sei.coversClip, path, file: file, line: line)
    XCTAssertEqual(heads.pts, demux.pts, "sample times: \(path)", file: file, line: line)
    XCTAssertEqual(heads.outcome, demux.outcome, path, file: file, line: line)
  }

  // MARK: - Same telemetry

  func testSampleHeadsGiveTheDemuxersTelemetryForEverySampleFrontClip() throws {
    let fronts = try FileManager.default.subpathsOfDirectory(atPath: packageRoot + "/samples/TeslaCam")
      .filter { $0.hasSuffix("-front.mp4") }.sorted().map { packageRoot + "/samples/TeslaCam/" + $0 }
    XCTAssertGreaterThanOrEqual(fronts.count, 8)
    var withSEI = 0
    for path in fronts where (try? MediaFile(path: path)) != nil {  // one has no moov at all
      let demux = try demuxed(path)
      do {
        let heads = try fromHeads(path)
        assertSameTelemetry(heads, demux, path)
        if demux.sei.coversClip { withSEI += 1 }
      } catch {
        // One sample clip is cut short on purpose: its table lists samples the file lacks, and
        // only the demuxer says how much of it is there.
        XCTAssertTrue(demux.outcome?.isCutShort ?? false, "\(path): \(error)")
        XCTAssertTrue("\(error)".contains("outside the file"), "\(error)")
      }
    }
    XCTAssertGreaterThanOrEqual(withSEI, 5, "the sample tree's clips with SEI were compared, not only empty ones")
  }

  func testSampleHeadTimesAreTheDemuxersWithBFramesAndAnEditList() throws {
    // FFmpeg's own clips have B-frames: a ctts table and an edit list that shifts every time.
    let folder = try TemporaryFolder()
    let path = folder.path("2026-11-02_08-14-31-front.mp4")
    try FFmpeg.makeClip(path, seconds: 1)
    let structure = MP4Mutator(clip: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    XCTAssertTrue(structure.fields.contains { $0.what.hasPrefix("ctts") }, "the clip has B-frames")
    XCTAssertTrue(structure.fields.contains { $0.what.hasPrefix("elst") }, "the clip has an edit list")
    let demux = try demuxed(path)
    XCTAssertEqual(demux.pts.count, 36)
    assertSameTelemetry(try fromHeads(path), demux, path)
  }

  func testClipWithLargeFramesHasItsTelemetryReadFromUnderFivePercentOfItsBytes() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("2026-11-02_08-14-31-front.mp4")
    try makeLargeFrameSEIClip(path)
    let size = try fileSize(path)
    XCTAssertGreaterThan(size, 500_000, "frames of about Tesla's size (≈ 20 kB)")
    let demux = try demuxed(path)
    let heads = try fromHeads(path)
    XCTAssertEqual(demux.sei.samples.count, 36, "a record in every frame")
    assertSameTelemetry(heads, demux, path)
    XCTAssertLessThan(Double(heads.bytesRead), 0.05 * Double(size),
                      "\(heads.bytesRead) of \(size) bytes read for the telemetry")
    // Direct reads widen each head to whole blocks (512 bytes, or 4096 where the file system
    // needs it): still a fraction of a 25 kB frame.
    let scan = try MediaFile(path: path).forEachVideoSampleHead { _, _ in true }
    XCTAssertLessThan(Double(scan.bytesRead), 0.35 * Double(size), "\(scan.bytesRead) of \(size) bytes transferred")
    XCTAssertGreaterThanOrEqual(scan.bytesRead, scan.bytesNeeded)
  }

  func testSEIAfterASliceIsNotReadByEitherReader() throws {
    // H.264 puts a picture's SEI before its first slice; a record after it (a sample whose
    // boundary moved into the next frame) is not this frame's, and the head reader, which stops
    // at the first slice, never sees it. The demuxed packet must be read the same way.
    func unit(_ bytes: [UInt8]) -> [UInt8] {
      [UInt8(bytes.count >> 24), UInt8(bytes.count >> 16 & 0xFF), UInt8(bytes.count >> 8 & 0xFF), UInt8(bytes.count & 0xFF)] + bytes
    }
    func record(_ frame: UInt64) throws -> [UInt8] {
      var metadata = SeiMetadata()
      metadata.frameSeqNo = frame
      return TeslaSEI.nalUnit(protobuf: try metadata.serializedBytes())
    }
    let slice: [UInt8] = [0x65, 0x88, 0x84, 0x00, 0x33, 0xFF]
    let packet = try unit(record(7)) + unit(slice) + unit(record(8))
    let found = packet.withUnsafeBufferPointer { SEICollector.records(inPacket: $0) }
    XCTAssertEqual(found.records.map(\.frameSeqNo), [7])
    XCTAssertEqual(found.undecodable, 0)
  }

  func testHeadsLongerThanTheGuessAreReadWholeAndTheGuessLearnsFromEachBatch() throws {
    // The reader asks each sample for what 95 % of the previous batch's heads needed; a head
    // longer than that (here a 1,500-byte SEI unit of another vendor before the record, in one
    // frame of the first one-second batch and two of the next; and x264's own SEI and the
    // parameter sets in the first frame) is read on its own.
    let folder = try TemporaryFolder()
    let path = folder.path("2026-11-02_08-14-31-front.mp4")
    try makeLargeFrameSEIClip(path, seconds: 2, paddedFrames: [10, 50, 71])
    let demux = try demuxed(path)
    XCTAssertEqual(demux.sei.samples.count, 72, "a record in every frame")
    assertSameTelemetry(try fromHeads(path), demux, path)

    let media = try MediaFile(path: path)
    let table = try MP4SampleTable.read(path: path, fileDescriptor: try openForReading(path),
                                        fileSizeBytes: UInt64(try fileSize(path)), expectedSamples: media.info.indexedFrameCount)
    let reader = try SampleHeadReader(path: path, table: table)
    let expected = try seiUnitsBeforeTheFirstSlice(path)
    for index in table.samples.indices {
      XCTAssertEqual(try reader.seiUnits(ofSample: index), expected[index].units, "sample \(index)")
    }
    // The guess is the 34th of the first batch's 36 heads.
    let firstBatchHeads = expected.prefix(36).map(\.headBytes).sorted()
    XCTAssertGreaterThan(firstBatchHeads[35], 1500)
    XCTAssertGreaterThan(firstBatchHeads[34], 500, "x264's SEI in the first frame")
    XCTAssertEqual(reader.headGuessBytes, firstBatchHeads[33], "learnt from the first batch, not its two long heads")
    XCTAssertLessThan(reader.headGuessBytes, 200)
    XCTAssertGreaterThan(expected[50].headBytes, 1500)
    let recordHead = firstBatchHeads[33]
    XCTAssertLessThan(Double(reader.bytesNeeded), 1.2 * Double(72 * recordHead + 36 * SampleHeadReader.firstHeadGuessBytes + 3 * 1600),
                      "the padded heads read once each, the others at the guess")
  }

  func testBatchSizesAndConcurrentReadsDoNotChangeWhatIsRead() throws {
    // Batches of one sample, of a few, the defaults; one read at a time or several: the same SEI
    // units, byte for byte, as the demuxed packets hold before their first slice.
    let folder = try TemporaryFolder()
    let padded = folder.path("2026-11-02_08-14-31-front.mp4")
    try makeLargeFrameSEIClip(padded, seconds: 2, paddedFrames: [0, 1, 2, 35, 36, 40, 71])
    let sampleClip = packageRoot + "/samples/TeslaCam/SavedClips/2026-11-02_08-14-55/2026-11-02_08-14-31-front.mp4"
    for path in [padded, sampleClip] {
      let media = try MediaFile(path: path)
      let table = try MP4SampleTable.read(path: path, fileDescriptor: try openForReading(path),
                                          fileSizeBytes: UInt64(try fileSize(path)), expectedSamples: media.info.indexedFrameCount)
      let expected = try seiUnitsBeforeTheFirstSlice(path)
      XCTAssertEqual(expected.count, table.samples.count)
      XCTAssertGreaterThan(expected.filter { !$0.units.isEmpty }.count, table.samples.count / 2, "SEI in most samples: \(path)")
      for (batches, threads) in [((1, 1), 1), ((5, 7), 3), ((36, 1024), 8), ((2, 3), 16)] {
        let reader = try SampleHeadReader(path: path, table: table, batchSamples: batches, threads: threads)
        for index in table.samples.indices {
          XCTAssertEqual(try reader.seiUnits(ofSample: index), expected[index].units, "\(path) sample \(index), batches \(batches)")
        }
        XCTAssertGreaterThanOrEqual(reader.bytesRead, reader.bytesNeeded)
      }
    }
  }

  /// Every video packet's SEI NAL units before its first slice, as the demuxer gives them, each
  /// after its 4-byte length: what the sample-head reader must return for the sample; and the
  /// bytes of its head (up to the first slice's length and type byte).
  private func seiUnitsBeforeTheFirstSlice(_ path: String) throws -> [(units: [UInt8], headBytes: Int)] {
    var all: [(units: [UInt8], headBytes: Int)] = []
    _ = try MediaFile(path: path).forEachVideoPacket { bytes, _ in
      var units: [UInt8] = []
      var headBytes = bytes.count
      for range in NALUnits.lengthPrefixed(bytes) {
        let type = bytes[range.lowerBound] & 0x1F
        if type == 1 || type == 5 {
          headBytes = range.lowerBound + 1
          break
        }
        if type == 6 { units += bytes[(range.lowerBound - 4)..<range.upperBound] }
      }
      all.append((units, headBytes))
      return true
    }
    return all
  }

  private func openForReading(_ path: String) throws -> Int32 {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
    addTeardownBlock { close(descriptor) }
    return descriptor
  }

  // MARK: - Fallback

  func testDamagedTimingTableIsLeftToTheDemuxerAndTheClipComesOutTheSame() throws {
    // The stts count FFmpeg caps (MP4MutationTests): the sample-head reader refuses the table,
    // and ingest reads the clip by demux exactly as before.
    let folder = try TemporaryFolder()
    let path = folder.path("2026-11-02_08-14-31-front.mp4")
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: packageRoot
      + "/samples/TeslaCam/SavedClips/2026-11-02_08-14-55/2026-11-02_08-14-31-front.mp4")))
    let count = try XCTUnwrap(MP4Mutator(clip: bytes).fields.first { $0.what == "stts entry 0 count" })
    bytes.replaceSubrange(count.offset..<(count.offset + 4), with: [0xFF, 0xFF, 0xFF, 0xFD])
    try Data(bytes).write(to: URL(fileURLWithPath: path))

    XCTAssertThrowsError(try fromHeads(path)) { error in
      XCTAssertTrue("\(error)".contains("stts"), "\(error)")
    }
    try assertIngestIsTheSameEitherWay(path, kind: .partial)
  }

  func testClipCutShortIsLeftToTheDemuxerAndKeepsItsTelemetry() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("2026-11-02_08-14-31-front.mp4")
    // moov first (faststart), then mdat cut in half: the table lists samples the file lacks.
    try Tool.run("/usr/bin/ffmpeg", ["-v", "error", "-y", "-i", packageRoot
      + "/samples/TeslaCam/SavedClips/2026-11-02_08-14-55/2026-11-02_08-14-31-front.mp4",
      "-c", "copy", "-movflags", "+faststart", path])
    let whole = try Data(contentsOf: URL(fileURLWithPath: path))
    try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))

    XCTAssertThrowsError(try fromHeads(path)) { error in
      XCTAssertTrue("\(error)".contains("outside the file"), "\(error)")
    }
    let result = try assertIngestIsTheSameEitherWay(path, kind: .partial)
    XCTAssertGreaterThan(result.telemetry?.sampleCount ?? 0, 0, "the records of the half that is there are kept")
  }

  func testIngestReadsTheSampleHeadsOfAnSEIClipAndStoresWhatTheDemuxStores() throws {
    let folder = try TemporaryFolder()
    let path = folder.path("2026-11-02_08-14-31-front.mp4")
    try makeLargeFrameSEIClip(path)
    XCTAssertNoThrow(try fromHeads(path), "the clip is one the sample-head reader reads")
    let result = try assertIngestIsTheSameEitherWay(path, kind: .ingested)
    XCTAssertEqual(result.record.analysisMode, .telemetry)
    XCTAssertEqual(result.record.seiRecords, 36)
  }

  func testFsdlogIngestOfTheSampleTreeStoresTheSameWithEitherReader() throws {
    // The real executable on the sample tree (SEI clips, clips without SEI, a clip cut short, one
    // without moov): clips, telemetry and events are the same whichever reader reads the SEI.
    let folder = try TemporaryFolder()
    let tree = packageRoot + "/samples/TeslaCam"
    func ingest(_ reader: String) throws -> String {
      let database = folder.path("\(reader).sqlite")
      let run = try FSDLog.capture(["ingest", tree, "--db", database, "--sei-reader", reader], timeoutSeconds: 300)
      XCTAssertFalse(run.timedOut)
      XCTAssertTrue([0, 1].contains(run.status), run.stderr)
      return database
    }
    let heads = try ingest("sample-heads"), demux = try ingest("demux")
    let queries = [
      """
      SELECT c.path, c.status, c.error, c.frame_count, c.analysis_mode, c.sei_records, c.sei_undecodable,
             t.sample_count, t.start_utc, hex(t.t_s), hex(t.speed_mps), hex(t.accel_x_mps2), hex(t.accel_y_mps2),
             hex(t.accel_z_mps2), hex(t.brake), hex(t.accelerator), hex(t.steering_deg), hex(t.autopilot),
             hex(t.lat_deg), hex(t.lon_deg), hex(t.heading_deg)
      FROM clips c LEFT JOIN telemetry t ON t.clip_id = c.id ORDER BY c.path
      """,
      """
      SELECT kind, severity, onset_utc, peak_utc, end_utc, offset_s, initiator, source, confidence, peak_decel_g,
             peak_lat_g, speed_before_mps, speed_after_mps, autopilot_state, lat, lon, rule
      FROM events WHERE superseded_at IS NULL ORDER BY peak_utc, kind
      """,
    ]
    for query in queries {
      let fromHeads = try SQLiteCLI.rows(heads, query), fromDemux = try SQLiteCLI.rows(demux, query)
      XCTAssertFalse(fromHeads.isEmpty, query)
      XCTAssertEqual(fromHeads as NSArray, fromDemux as NSArray, query)
    }
    let telemetryClips = try SQLiteCLI.scalar(heads, "SELECT count(*) FROM clips WHERE analysis_mode = 'telemetry'")
    XCTAssertGreaterThanOrEqual(Int(telemetryClips) ?? 0, 5, "clips read from their SEI alone")
  }

  func testMutatedSEIClipsComeOutTheSameWithEitherReader() throws {
    // MP4Mutator's damage (sample-table counts and entries, header fields, SEI and slice bytes,
    // NAL lengths, files cut short) on a one-second SEI clip: whichever reader ingest starts
    // with, every clip ends with the same row, reason, telemetry and motion. (This found a sample
    // whose moved boundary put the next frame's SEI after its slice, which the demux path read and
    // the head reader did not: SEICollector now stops at the first slice, as H.264 does.)
    let folder = try TemporaryFolder()
    let seedPath = folder.path("seed.mp4")
    try Tool.run("/usr/bin/ffmpeg", [
      "-v", "error", "-y", "-i", packageRoot + "/samples/TeslaCam/SavedClips/2026-11-02_08-14-55/2026-11-02_08-14-31-front.mp4",
      "-t", "1", "-map", "0:v", "-c", "copy", seedPath,
    ])
    let mutator = MP4Mutator(clip: [UInt8](try Data(contentsOf: URL(fileURLWithPath: seedPath))))
    var random = SplitMix64(seed: 14)
    var readFromHeads = 0
    let path = folder.path("2026-11-02_08-14-31-front.mp4")
    // The long tier runs 3,000 (seeds 14 and 99 passed so); the normal suite 150 (two seconds).
    let clips = TestTier.count("FSDLOG_SEI_MUTATION_CLIPS", normal: 150, long: 3000)
    for _ in 0..<clips {
      let (bytes, mutations) = mutator.mutated(using: &random)
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let what = mutations.map(\.description).joined(separator: "; ")
      if (try? fromHeads(path)) != nil { readFromHeads += 1 }
      try assertIngestIsTheSameEitherWay(path, kind: nil, what)
    }
    // Not vacuous: many damaged clips are still read from their sample heads, and some are not.
    XCTAssertGreaterThan(readFromHeads, 20)
    XCTAssertLessThan(readFromHeads, clips)
  }

  /// Ingests `path` (--mode auto) once with each SEI reader; the results must be the same.
  @discardableResult
  private func assertIngestIsTheSameEitherWay(_ path: String, kind: ClipOutcome.Kind?, _ what: String = "",
                                              file: StaticString = #filePath, line: UInt = #line) throws -> ClipAnalyzer.Result {
    func analyze(_ reader: IngestOptions.SEIReader) throws -> ClipAnalyzer.Result {
      var options = IngestOptions(jobs: 1, mode: .auto)
      options.seiReader = reader
      let analyzer = ClipAnalyzer(options: options, decoderThreads: 1, cancellation: CancellationFlag(),
                                  meter: ProgressMeter(clipsTotal: 1, bytesTotal: try fileSize(path)))
      let clip = try XCTUnwrap(try Discovery.discover(paths: [path]).clips.first)
      return analyzer.analyze(clip, identity: try ClipIdentity.of(path: path), eventFolderID: nil, runID: nil)
    }
    let heads = try analyze(.sampleHeads), demux = try analyze(.demux)
    if let kind {
      XCTAssertEqual(heads.outcome.kind, kind, heads.outcome.reason ?? "", file: file, line: line)
      XCTAssertNotNil(heads.telemetry, file: file, line: line)
    }
    XCTAssertEqual(heads.outcome.kind, demux.outcome.kind, what, file: file, line: line)
    XCTAssertEqual(heads.outcome.reason, demux.outcome.reason, what, file: file, line: line)
    var headsRecord = heads.record, demuxRecord = demux.record
    headsRecord.ingestedAt = ""
    demuxRecord.ingestedAt = ""
    XCTAssertEqual(headsRecord, demuxRecord, what, file: file, line: line)
    // Stored telemetry holds NaN for what a source lacks, and NaN != NaN: compare the printed
    // values (Swift prints floats exactly: the shortest text that reads back as the same value).
    XCTAssertEqual(String(reflecting: heads.telemetry), String(reflecting: demux.telemetry), what, file: file, line: line)
    XCTAssertEqual(String(reflecting: heads.motion), String(reflecting: demux.motion), what, file: file, line: line)
    return heads
  }

  // MARK: - Clips

  /// `seconds` of 1280x960 video (36 frames a second) with frames of about a Tesla front camera's
  /// size (≈ 25 kB), each preceded by a Tesla SEI record, muxed as the car does: no B-frames.
  /// FFmpeg encodes raw H.264; the records go in before each slice; FFmpeg muxes the result.
  /// Frames in `paddedFrames` carry, before their record, another SEI unit of `paddingBytes`
  /// (user data of another vendor): heads far longer than the others.
  private func makeLargeFrameSEIClip(_ path: String, seconds: Int = 1, paddedFrames: Set<UInt64> = [],
                                     paddingBytes: Int = 1500) throws {
    let raw = path + ".h264", withSEI = path + ".sei.h264"
    try Tool.run("/usr/bin/ffmpeg", [
      "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x960:rate=36", "-vf", "noise=alls=5:allf=t",
      "-t", "\(seconds)", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-bf", "0", "-g", "36",
      "-pix_fmt", "yuv420p", "-f", "h264", raw,
    ])
    let stream = [UInt8](try Data(contentsOf: URL(fileURLWithPath: raw)))
    var output: [UInt8] = []
    var frame: UInt64 = 0
    let startCode: [UInt8] = [0, 0, 0, 1]
    stream.withUnsafeBufferPointer { buffer in
      for range in NALUnits.annexB(buffer) {
        let type = buffer[range.lowerBound] & 0x1F
        if type == 1 || type == 5 {
          var record = SeiMetadata()
          record.version = 1
          record.frameSeqNo = 1000 + frame
          record.vehicleSpeedMps = 27 - Float(frame) * 0.1
          record.brakeApplied = frame >= 18
          record.autopilotState = .selfDriving
          record.latitudeDeg = 37.3947 + Double(frame) * 1e-5
          record.longitudeDeg = -122.1503
          record.linearAccelerationMps2X = -0.5 * Double(frame)
          let protobuf: [UInt8] = try! record.serializedBytes()
          if paddedFrames.contains(frame) {
            // SEI payload type 5, the size as a run of 0xFF bytes and a remainder, another
            // vendor's identifier, bytes that need no emulation prevention, the trailing bits.
            var rbsp: [UInt8] = [5] + Array(repeating: 0xFF, count: paddingBytes / 255) + [UInt8(paddingBytes % 255)]
            rbsp += Array(repeating: 0x11, count: 16) + Array(repeating: 0x55, count: paddingBytes - 16) + [0x80]
            output += startCode + [TeslaSEI.nalUnitType] + rbsp
          }
          output += startCode + TeslaSEI.nalUnit(protobuf: protobuf)
          frame += 1
        }
        output += startCode + Array(buffer[range])
      }
    }
    try Data(output).write(to: URL(fileURLWithPath: withSEI))
    try Tool.run("/usr/bin/ffmpeg", [
      "-v", "error", "-y", "-r", "36", "-i", withSEI, "-c", "copy", "-metadata", "creation_time=2026-11-02T16:14:31Z", path,
    ])
    try FileManager.default.removeItem(atPath: raw)
    try FileManager.default.removeItem(atPath: withSEI)
  }
}
