import FSDDomain
import FSDDiscovery
import FSDMedia
import FSDMotion
import FSDStore
import Foundation

/// Reads one clip: container facts for every camera, and for the front camera every frame
/// decoded and scored by the motion core. Pure with respect to the database: it returns the
/// rows to write, and the pipeline writes them in one transaction.
struct ClipAnalyzer {
  let options: IngestOptions
  let decoderThreads: Int
  let cancellation: CancellationFlag
  let meter: ProgressMeter
  /// Threads that each decode a share of a front clip's segments (`SegmentedDecode`), when more
  /// than 1: used instead of `decoderThreads` frame threads for analysis decoding.
  var segmentWorkers = 1

  struct Result {
    var record: ClipRecord
    var motion: StoredMotion?
    var telemetry: StoredTelemetry?
    var outcome: ClipOutcome
  }

  func analyze(_ clip: ClipFile, identity: ClipIdentity, eventFolderID: Int64?, runID: Int64?) -> Result {
    // A decoded front clip's share of the progress (nil for a clip that is not decoded: all its
    // bytes count when it finishes).
    var progress: FrameProgress?
    let started = Date()
    var record = ClipRecord(
      path: clip.path, sizeBytes: identity.sizeBytes, mtimeS: identity.mtimeS, fingerprint: identity.fingerprint,
      camera: clip.camera, source: clip.source.rawValue, status: .ok,
      analysisVersion: IngestOptions.analysisVersion, ingestedAt: Timestamps.nowUTC())
    record.eventFolderId = eventFolderID
    record.nameTimeLocal = clip.nameTime?.description
    record.ingestRunId = runID

    // Numbers in the clip's index that cannot be true (MediaInfo.indexProblems): the frames are
    // still read, but the clip is stored as partial with what was wrong, never as a clean read.
    var indexProblems: [String] = []

    func finish(_ kind: ClipOutcome.Kind, frames: Int = 0, reason: String? = nil, motion: StoredMotion? = nil,
                telemetry: StoredTelemetry? = nil) -> Result {
      var kind = kind, reason = reason
      if !indexProblems.isEmpty, kind == .ingested || kind == .partial {
        kind = .partial
        reason = ([reason].compactMap { $0 } + indexProblems).joined(separator: "; ")
        record.status = .partial
        record.error = reason
      }
      // After decoding: a clip cut short has its real length by now, which the file-time clock needs.
      let clockNote = kind == .ingested || kind == .partial ? ClipTimeChoice.decide(&record, clip: clip) : nil
      let outcome = ClipOutcome(path: clip.path, camera: clip.camera, kind: kind, framesDecoded: frames,
                                reason: reason, seconds: Date().timeIntervalSince(started), clockNote: clockNote)
      let bytesCounted = progress?.bytesCounted ?? 0, framesCounted = progress?.framesCounted ?? 0
      meter.clipFinished(remainingBytes: max(0, Int(identity.sizeBytes) - bytesCounted),
                         uncountedFrames: kind == .interrupted ? framesCounted : max(0, framesCounted - frames))
      return Result(record: record, motion: motion, telemetry: telemetry, outcome: outcome)
    }

    let media: MediaFile
    do {
      media = try MediaFile(path: clip.path)
    } catch let error as MediaError {
      record.status = error.isNotAVideo ? .notVideo : .failed
      record.error = error.reason
      return finish(error.isNotAVideo ? .notVideo : .failed, reason: error.reason)
    } catch {
      record.status = .failed
      record.error = "\(error)"
      return finish(.failed, reason: "\(error)")
    }

    let info = media.info
    indexProblems = info.indexProblems
    record.codec = info.codecName
    record.width = info.width
    record.height = info.height
    record.timeBase = "\(info.timeBaseNumerator)/\(info.timeBaseDenominator)"
    record.durationS = info.durationSeconds
    record.frameCount = info.indexedFrameCount
    record.startUtc = info.creationTime.map(Timestamps.utc)

    guard clip.isFront else { return finish(.ingested) }
    record.analysisMode = options.mode.decodedAnalysis

    // Telemetry first: a pass that decodes nothing reads the SEI; when it covers the clip, no
    // frame is decoded. It reads each sample's head (the SEI before the slice, a few percent of
    // the file) when the sample table allows, else demuxes every byte; both find the same records.
    var sei = SEICollector()
    if options.mode == .auto {
      let scan = telemetryScan(media, into: &sei)
      if scan.stoppedEarly { return finish(.interrupted) }
      if sei.coversClip {
        record.analysisMode = .telemetry
        record.frameCount = scan.packetsRead
        record.seiRecords = sei.samples.count
        record.seiUndecodable = sei.undecodable
        let telemetry = TelemetryStorage.stored(sei.samples, source: "sei", startUTC: record.startUtc)
        if scan.isCutShort {
          record.status = .partial
          record.error = "file ends early: \(scan.packetsRead) of \(scan.packetsIndexed) frames present"
          return finish(.partial, reason: record.error, telemetry: telemetry)
        }
        return finish(.ingested, telemetry: telemetry)
      }
    }
    // Not enough telemetry: decode every frame (collecting the SEI again in that pass). The scan
    // read the demuxer to its end, so the decode opens the file afresh.
    let decodeMedia: MediaFile
    do {
      decodeMedia = options.mode == .auto ? try MediaFile(path: clip.path) : media
    } catch {
      record.status = .failed
      record.error = "\(error)"
      return finish(.failed, reason: record.error)
    }
    var frontProgress = FrameProgress(meter: meter, sizeBytes: Int(record.sizeBytes),
                                      frames: decodeMedia.info.indexedFrameCount)
    let decoded = decodeFrontClip(media: decodeMedia, record: &record, progress: &frontProgress)
    progress = frontProgress
    return finish(decoded.kind, frames: decoded.frames, reason: decoded.reason, motion: decoded.motion,
                  telemetry: decoded.telemetry)
  }

  /// The SEI records of every video sample, from the sample heads or, when the sample table
  /// cannot be read exactly as the demuxer reads it (MediaFile.forEachVideoSampleHead), from the
  /// demuxed packets. A head scan that fails part-way leaves nothing behind: the demux starts afresh.
  private func telemetryScan(_ media: MediaFile, into sei: inout SEICollector) -> DecodeOutcome {
    if options.seiReader == .sampleHeads {
      var fromHeads = SEICollector()
      if let scan = try? media.forEachVideoSampleHead({ units, pts in
        fromHeads.add(packet: units, ptsS: pts)
        return !cancellation.isCancelled
      }) {
        sei = fromHeads
        return scan.outcome
      }
    }
    return media.forEachVideoPacket { bytes, pts in
      sei.add(packet: bytes, ptsS: pts)
      return !cancellation.isCancelled
    }
  }

  /// The most frames the motion series reserves room for up front: an hour at 60 fps (32 bytes
  /// a frame across its seven series, 7 MB). The count comes from the file; a longer clip's
  /// series still grows as its frames really decode.
  static let maxReservedFrames = 3600 * 60

  private struct FrontDecode {
    var kind: ClipOutcome.Kind
    var frames = 0
    var reason: String?
    var motion: StoredMotion?
    var telemetry: StoredTelemetry?
  }

  /// Decodes every frame of a front clip for the motion core (and its SEI in the same pass).
  private func decodeFrontClip(media: MediaFile, record: inout ClipRecord, progress: inout FrameProgress) -> FrontDecode {
    record.decodeQuality = options.decode.rawValue
    let readTelemetry = options.mode != .vision
    let decoded: DecodeOutcome, analyzer: MotionAnalyzer, sei: SEICollector
    do {
      (decoded, analyzer, sei) = try decodeFrames(media, readTelemetry: readTelemetry, progress: &progress)
    } catch let error as MediaError {
      record.status = .failed
      record.error = error.reason
      return FrontDecode(kind: .failed, reason: error.reason)
    } catch {
      record.status = .failed
      record.error = "\(error)"
      return FrontDecode(kind: .failed, reason: "\(error)")
    }
    if decoded.stoppedEarly {
      return FrontDecode(kind: .interrupted, frames: decoded.framesDecoded)
    }

    let series = analyzer.series
    let motion = StoredMotion(series)
    var telemetry: StoredTelemetry?
    if readTelemetry {
      record.seiRecords = sei.samples.count
      record.seiUndecodable = sei.undecodable
      if !sei.samples.isEmpty {
        telemetry = TelemetryStorage.stored(sei.samples, source: "sei", startUTC: record.startUtc)
      }
    }
    record.frameCount = decoded.framesDecoded
    if decoded.framesDecoded == 0 {
      record.status = .failed
      record.error = "no frame could be decoded" + (decoded.readError.map { " (\($0))" } ?? "")
      return FrontDecode(kind: .failed, reason: record.error)
    }
    if let last = series.ptsSeconds.last, let first = series.ptsSeconds.first, decoded.isCutShort {
      // The index promises more than the file holds: say what is really there.
      record.durationS = last - first + (series.frameCount > 1 ? (last - first) / Double(series.frameCount - 1) : 0)
    }
    if decoded.isCutShort || decoded.damagedPackets > 0 {
      record.status = .partial
      var reasons: [String] = []
      if decoded.isCutShort {
        reasons.append("file ends early: \(decoded.packetsRead) of \(decoded.packetsIndexed) frames present"
                       + (decoded.readError.map { " (\($0))" } ?? ""))
      }
      if decoded.damagedPackets > 0 {
        reasons.append("\(decoded.damagedPackets) damaged \(decoded.damagedPackets == 1 ? "frame" : "frames") skipped")
      }
      record.error = reasons.joined(separator: "; ")
      return FrontDecode(kind: .partial, frames: decoded.framesDecoded, reason: record.error, motion: motion,
                         telemetry: telemetry)
    }
    return FrontDecode(kind: .ingested, frames: decoded.framesDecoded, motion: motion, telemetry: telemetry)
  }
}

extension ClipAnalyzer {
  /// Every frame of the front clip through the motion core, with the SEI of every packet.
  ///
  /// With cores to spare (`segmentWorkers` > 1) the clip's segments decode side by side
  /// (`SegmentedDecode`: the same series as one decoder gives). A clip that cannot be cut, or one
  /// with a damaged or missing part, is decoded the ordinary way instead, with `decoderThreads`
  /// frame threads, whose handling of damage the rest of ingest knows.
  /// Exact decoding promises scdet's mafd, which needs the full-resolution SAD; analysis decoding
  /// keeps the whole motion core on the downsampled plane (tools/bench, figure c).
  fileprivate func decodeFrames(
    _ media: MediaFile, readTelemetry: Bool, progress: inout FrameProgress
  ) throws -> (DecodeOutcome, MotionAnalyzer, SEICollector) {
    let expectedFrames = min(media.info.indexedFrameCount, Self.maxReservedFrames)
    let geometry = MotionGeometry(sourceWidth: media.info.width, sourceHeight: media.info.height)
    if options.decode == .analysis, segmentWorkers > 1, geometry.isUsable,
       let segments = SegmentedDecode.plan(path: media.path) {
      var analyzer = MotionAnalyzer(expectedFrames: expectedFrames, fullResolutionMAFD: false)
      var sei = SEICollector()
      let outcome = segments.decode(
        workers: segmentWorkers, quality: options.decode, geometry: geometry,
        onPacket: readTelemetry ? { bytes, pts in sei.add(packet: bytes, ptsS: pts) } : nil
      ) { plane, ptsSeconds in
        analyzer.add(downsampled: plane, geometry: geometry, ptsSeconds: ptsSeconds)
        progress.count()
        return !cancellation.isCancelled
      }
      if let outcome { return (outcome, analyzer, sei) }
      progress.startAgain()
    }
    var analyzer = MotionAnalyzer(expectedFrames: expectedFrames, fullResolutionMAFD: options.decode == .exact)
    var sei = SEICollector()
    let outcome = try media.decodeLuma(
      options: DecodeOptions(quality: options.decode, threads: decoderThreads),
      onPacket: readTelemetry ? { bytes, pts in sei.add(packet: bytes, ptsS: pts) } : nil
    ) { frame, previous, ptsSeconds in
      analyzer.add(frame: frame, previous: previous, ptsSeconds: ptsSeconds)
      progress.count()
      return !cancellation.isCancelled
    }
    return (outcome, analyzer, sei)
  }
}

/// A front clip's share of the progress: each decoded frame counts the clip's bytes ÷ its indexed
/// frames, never more than the clip's size (a clip may hold more frames than its index says).
struct FrameProgress {
  let meter: ProgressMeter
  let sizeBytes: Int
  let bytesPerFrame: Int
  private(set) var bytesCounted = 0
  private(set) var framesCounted = 0
  /// Frames of the pass under way: a second pass counts nothing until it passes the first, so the
  /// progress never moves back.
  private var framesThisPass = 0

  init(meter: ProgressMeter, sizeBytes: Int, frames: Int) {
    self.meter = meter
    self.sizeBytes = sizeBytes
    bytesPerFrame = sizeBytes / max(1, frames)
  }

  mutating func count() {
    framesThisPass += 1
    guard framesThisPass > framesCounted else { return }
    let share = bytesCounted + bytesPerFrame <= sizeBytes ? bytesPerFrame : 0
    bytesCounted += share
    framesCounted += 1
    meter.frameDecoded(bytesShare: share)
  }

  /// The clip is decoded again from its start.
  mutating func startAgain() { framesThisPass = 0 }
}

/// Which clock places a clip (`time_source`), and what ingest should say about it.
enum ClipTimeChoice {
  /// Sets `record.timeSource`: the file-name time when the name has one (TeslaCam or another
  /// dashcam's), else the MP4 creation time, else the file's modification time minus the clip's
  /// length. Returns a line for the ingest output when the choice needs saying: a creation time
  /// the file name overrules, or a clip placed by its file's modification time.
  static func decide(_ record: inout ClipRecord, clip: ClipFile) -> String? {
    let name = (clip.path as NSString).lastPathComponent
    if let format = clip.nameFormat, clip.nameTime != nil {
      record.timeSource = format == .teslaCam ? .fileName : .dashcamFileName
      guard let overruled = ClipClock.overruledCreationTime(record) else { return nil }
      return "\(name): the file name says \(ClipClock.displayText(overruled.localS)), the MP4's creation time "
        + "says \(ClipClock.displayText(overruled.utcS)) UTC: \(ClipClock.gapText(overruled.utcS - overruled.localS)) "
        + "apart, more than a time-zone offset explains; the file name's time is used"
    }
    if record.startUtc != nil {
      record.timeSource = .mp4CreationTime
      return nil
    }
    // A camera sets the file's modification time when it closes the file, so the clip began its
    // length earlier (ClipClock.utcStartS). A copy that did not keep modification times moves it.
    record.timeSource = .fileModified
    let start = ClipClock.utcStartS(record).map { ClipClock.displayText($0) + " UTC" } ?? "?"
    return "\(name): no time in the file name or the MP4; placed by the file's modification time "
      + "minus its length: starts \(start)"
  }
}

/// What identifies a clip's content on disk: path (the record's key) plus these.
struct ClipIdentity: Equatable {
  let sizeBytes: Int64
  let mtimeS: Double
  let fingerprint: String

  static func of(path: String) throws -> ClipIdentity {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
    let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    return ClipIdentity(sizeBytes: size, mtimeS: mtime, fingerprint: try ClipFingerprint.of(path: path, sizeBytes: size))
  }

  func matches(_ record: ClipRecord) -> Bool {
    record.sizeBytes == sizeBytes && record.mtimeS == mtimeS && record.fingerprint == fingerprint
  }
}

enum Timestamps {
  static func utc(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  static func nowUTC() -> String { utc(Date()) }
}
