import FSDDomain
import FSDDiscovery
import FSDStore
import Foundation
import Synchronization

/// Discovery → media → motion core → store, for a set of paths.
///
/// Clips run in parallel on `jobs` threads, each clip with its own decoder. Each clip's rows are
/// written in one transaction once it is fully analysed, so an interrupted run leaves finished
/// clips in place and nothing of the clips in flight; running again continues where it stopped.
public struct IngestPipeline: Sendable {
  public let store: Store
  public let options: IngestOptions
  public let observer: (any IngestObserver)?
  public let cancellation: CancellationFlag

  public init(store: Store, options: IngestOptions, observer: (any IngestObserver)? = nil,
              cancellation: CancellationFlag = CancellationFlag()) {
    self.store = store
    self.options = options
    self.observer = observer
    self.cancellation = cancellation
  }

  /// Runs discovery on already-validated paths and ingests everything found.
  public func run(_ discovery: DiscoveryResult, arguments: [String]) throws -> IngestSummary {
    let started = Date()
    var summary = IngestSummary(database: store.path)
    summary.clipsFound = discovery.clips.count
    summary.encryptedFolders = discovery.encryptedFolders

    let folderIDs = try saveEventFolders(discovery.eventFolders)
    let pathsJSON = String(decoding: (try? JSONEncoder().encode(arguments)) ?? Data("[]".utf8), as: UTF8.self)
    var run = try store.beginRun(IngestRunRecord(
      startedAt: Timestamps.utc(started), paths: pathsJSON, jobs: options.jobs, force: options.force,
      decodeQuality: options.decode.rawValue, toolVersion: IngestOptions.toolVersion))
    summary.runID = run.id

    let clips = discovery.clips
    let sizes = clips.map { clip in
      ((try? FileManager.default.attributesOfItem(atPath: clip.path)[.size]) as? NSNumber)?.int64Value ?? 0
    }
    let meter = ProgressMeter(clipsTotal: clips.count, bytesTotal: sizes.reduce(0, +))
    observer?.planned(meter.snapshot, encryptedFolders: discovery.encryptedFolders)

    // Paths the walk could not take as clips are recorded first: they take no decoding.
    let skipped = try discovery.skippedPaths.map { try recordSkipped($0, runID: run.id) }
    let recognition = try ClipRecognition(store: store, cancellation: cancellation).recognize(clips, sizes: sizes, folderIDs: folderIDs)
    var copies: [String: String] = [:]
    for (path, finding) in recognition.findings {
      switch finding {
      case .moved: summary.movedClips += 1
      case .copy(let kept): copies[path] = kept
      }
    }
    let outcomes = try analyzeInParallel(clips, sizes: sizes, meter: meter, folderIDs: folderIDs, copies: copies,
                                         runID: run.id)

    let nameProblems = Dictionary(clips.compactMap { clip in clip.nameProblem.map { (clip.path, $0) } }) { first, _ in first }
    for outcome in skipped + outcomes {
      switch outcome.kind {
      case .ingested: summary.ingested += 1
      case .partial: summary.ingested += 1; summary.partial += 1
      case .unchanged: summary.unchanged += 1
      case .notVideo: summary.notVideo += 1
      case .failed: summary.failed += 1
      case .interrupted: summary.interrupted = true
      case .knownProblem: summary.knownProblems += 1
      case .copy: summary.copies += 1
      }
      summary.framesDecoded += outcome.kind == .interrupted ? 0 : outcome.framesDecoded
      if let note = nameProblems[outcome.path], [.ingested, .partial].contains(outcome.kind) {
        summary.clockNotes.append(.init(path: outcome.path, note: note))
      }
      if let note = outcome.clockNote { summary.clockNotes.append(.init(path: outcome.path, note: note)) }
      if [.partial, .notVideo, .failed, .knownProblem].contains(outcome.kind) {
        summary.problems.append(.init(path: outcome.path, kind: outcome.kind, reason: outcome.reason ?? ""))
      }
    }
    summary.interrupted = summary.interrupted || cancellation.isCancelled
    summary.drives = try DriveBuilder.rebuild(in: store)
    let attached = try CSVTelemetryAttacher(store: store, offsetS: options.csvOffsetS, preferCSV: options.ignoreSEI,
                                            alignToVision: options.alignCSV)
      .attach(options.telemetryCSVs)
    summary.telemetryFiles = attached.outcomes.map {
      IngestSummary.TelemetryFile(path: $0.path, clipsAttached: $0.clipsAttached, problem: $0.problem, summary: $0.summary)
    }
    if let runID = run.id {
      // A run killed outright (SIGKILL, power loss) wrote clips whose drives were never detected:
      // their clips are unchanged now, so nothing else would redo those drives.
      let unfinished = try store.unfinishedRunIDs(before: runID)
      var drives = attached.driveIDs.union(try store.driveIDs(touchedByRun: runID))
      // Rows that took in a second row of the same clip: their drives hold fewer clips now.
      drives.formUnion(try store.driveIDs(ofClips: recognition.keepersOfAbsorbed))
      for earlier in unfinished { drives.formUnion(try store.driveIDs(touchedByRun: earlier)) }
      summary.events = try DriveEventDetector(store: store, config: options.detection).run(driveIDs: drives.sorted())
      try store.markInterrupted(runIDs: unfinished)
    }
    if let marginS = options.evidenceMarginS {
      // After detection, while the clips are still here: a Tesla overwrites RecentClips within an
      // hour, and a stick gets wiped. Ctrl-C stops between events; the next run keeps the rest.
      let library = EvidenceLibrary(store: store, marginS: marginS)
      let kept = try library.update(isCancelled: { cancellation.isCancelled }) { done, total in
        observer?.keepingEvidence(done: done, of: total)
      }
      summary.evidenceKept = kept.kept
      summary.evidenceBytes = kept.bytes
      summary.evidenceFolder = store.evidenceRoot
      summary.evidenceFailures = kept.failed.map { .init(path: "event \($0.eventID)", kind: .failed, reason: $0.reason) }
      summary.interrupted = summary.interrupted || kept.interrupted
    }
    summary.wallSeconds = Date().timeIntervalSince(started)
    summary.peakMemoryMB = PeakMemory.megabytes()

    run.finishedAt = Timestamps.nowUTC()
    run.status = summary.interrupted ? .interrupted : .completed
    run.clipsIngested = summary.ingested
    run.clipsSkipped = summary.unchanged + summary.notVideo + summary.knownProblems + summary.copies
    run.clipsFailed = summary.failed
    run.clipsPartial = summary.partial
    run.framesDecoded = summary.framesDecoded
    run.wallS = summary.wallSeconds
    try store.finishRun(run)
    return summary
  }

  /// Shared between worker threads: the next clip to take, and what has finished.
  private final class WorkQueue: Sendable {
    struct State {
      var nextIndex = 0
      var outcomes: [ClipOutcome?]
      var firstError: (any Error)?
    }
    let state: Mutex<State>
    init(count: Int) { state = Mutex(State(outcomes: Array(repeating: nil, count: count))) }
  }

  private func analyzeInParallel(
    _ clips: [ClipFile], sizes: [Int64], meter: ProgressMeter, folderIDs: [String: Int64], copies: [String: String],
    runID: Int64?
  ) throws -> [ClipOutcome] {
    let queue = WorkQueue(count: clips.count)
    let workerCount = min(options.jobs, max(1, clips.count))
    let cores = ProcessInfo.processInfo.activeProcessorCount
    // Decoder threads given on the command line are frame threads, as asked (tools/bench's
    // one-thread figures); otherwise a clip with cores to itself decodes its segments side by side.
    let analyzer = ClipAnalyzer(
      options: options,
      decoderThreads: options.decoderThreads ?? IngestOptions.defaultDecoderThreads(cores: cores, clipsInFlight: workerCount),
      cancellation: cancellation, meter: meter,
      segmentWorkers: options.decoderThreads == nil
        ? IngestOptions.defaultSegmentWorkers(cores: cores, clipsInFlight: workerCount) : 1)
    let done = DispatchGroup()

    for _ in 0..<workerCount {
      done.enter()
      let worker = Thread { [self] in
        defer { done.leave() }
        while !cancellation.isCancelled {
          let index: Int? = queue.state.withLock { state in
            guard state.nextIndex < clips.count, state.firstError == nil else { return nil }
            defer { state.nextIndex += 1 }
            return state.nextIndex
          }
          guard let index else { return }
          do {
            let outcome = try ingestOne(clips[index], plannedBytes: sizes[index], analyzer: analyzer,
                                        folderIDs: folderIDs, copyOf: copies[clips[index].path], runID: runID)
            queue.state.withLock { $0.outcomes[index] = outcome }
            observer?.finished(outcome, progress: meter.snapshot)
          } catch {
            queue.state.withLock { state in if state.firstError == nil { state.firstError = error } }
          }
        }
      }
      worker.stackSize = 8 << 20  // FFmpeg's decoder wants more than a secondary thread's default
      worker.start()
    }
    let tickerDone = DispatchGroup()
    let workersFinished = DispatchSemaphore(value: 0)
    if let observer {
      // A live progress line needs news between clips too: 60 s clips take seconds each. The
      // ticker wakes four times a second, and at once when the workers are done.
      tickerDone.enter()
      Thread {
        defer { tickerDone.leave() }
        while workersFinished.wait(timeout: .now() + 0.25) == .timedOut {
          observer.tick(meter.snapshot)
        }
      }.start()
    }
    done.wait()
    workersFinished.signal()
    tickerDone.wait()  // no progress line may follow the summary

    return try queue.state.withLock { state in
      if let error = state.firstError { throw error }
      return state.outcomes.compactMap { $0 }
    }
  }

  /// Skips an unchanged clip or a copy of a stored one (`copyOf`: the path kept, `ClipRecognition`),
  /// otherwise analyses it and writes it in one transaction.
  /// Throws only for database errors, which stop the run; clip problems become outcomes.
  private func ingestOne(
    _ clip: ClipFile, plannedBytes: Int64, analyzer: ClipAnalyzer, folderIDs: [String: Int64], copyOf kept: String?,
    runID: Int64?
  ) throws -> ClipOutcome {
    if let kept {
      analyzer.meter.clipFinished(remainingBytes: Int(plannedBytes))
      return ClipOutcome(path: clip.path, camera: clip.camera, kind: .copy,
                         reason: "the same clip as \(kept), which is kept: counted once")
    }
    let identity: ClipIdentity
    let eventFolderID = clip.eventFolderPath.flatMap { folderIDs[$0] }
    do {
      identity = try ClipIdentity.of(path: clip.path)
    } catch {
      // Its planned bytes are done with either way.
      analyzer.meter.clipFinished(remainingBytes: Int(plannedBytes))
      let reason = "cannot read the file: \(error.localizedDescription)"
      // Unreadable (permissions): recorded, so `status` names it. Gone since planning (the car
      // recycles RecentClips): nothing to record.
      return try recordUnreadable(clip, reason: reason, eventFolderID: eventFolderID, runID: runID)
        ?? ClipOutcome(path: clip.path, camera: clip.camera, kind: .failed, reason: reason)
    }
    let existing = try store.clip(path: clip.path)
    if !options.force, let existing, identity.matches(existing),
       existing.analysisVersion == IngestOptions.analysisVersion,
       existing.status == .failed || existing.status == .notVideo,
       existing.nameTimeLocal == clip.nameTime?.description {
      // Power loss left this file damaged, and it has not changed: reading it again gives the same
      // answer, and counting it again would fail every rerun (`ingest … && report`).
      analyzer.meter.clipFinished(remainingBytes: Int(identity.sizeBytes))
      return knownProblem(existing, camera: clip.camera)
    }
    if !options.force, let existing, identity.matches(existing),
       existing.analysisVersion == IngestOptions.analysisVersion,
       existing.status == .ok || existing.status == .partial,
       // A name this version reads a time from (another dashcam's) that the stored row lacks.
       existing.nameTimeLocal == clip.nameTime?.description,
       !clip.isFront || existing.decodeQuality == options.decode.rawValue || existing.analysisMode == .telemetry,
       !clip.isFront || options.mode == .auto || existing.analysisMode == options.mode.decodedAnalysis {
      analyzer.meter.clipFinished(remainingBytes: Int(identity.sizeBytes))
      return ClipOutcome(path: clip.path, camera: clip.camera, kind: .unchanged, framesDecoded: 0)
    }
    let result = analyzer.analyze(clip, identity: identity, eventFolderID: eventFolderID, runID: runID)
    if result.outcome.kind == .interrupted { return result.outcome }
    try store.saveClip(result.record, motion: result.motion, telemetry: result.telemetry)
    return result.outcome
  }
}
