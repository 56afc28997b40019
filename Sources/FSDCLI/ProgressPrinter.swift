import FSDIngest
import Foundation
import Synchronization

/// Ingest progress on standard error: one live line on a terminal (clips done/total, frames/s,
/// ETA, the clip that finished last), a plain line per clip otherwise (logs, CI, pipes).
final class ProgressPrinter: IngestObserver {
  private struct State {
    var lineShown = false
    var lastClipName = ""
    /// Clips reported so far. The progress snapshot is taken before the lock, so two clips that
    /// finish together would both read the same count; lines are numbered from this instead.
    var clipsReported = 0
  }

  private let terminal: Bool
  private let state = Mutex(State())

  init(terminal: Bool) { self.terminal = terminal }

  func planned(_ progress: IngestProgress, encryptedFolders: [String]) {
    if !terminal {
      Console.stderr("ingesting \(Formatting.plural(progress.clipsTotal, "clip")) (\(progress.bytesTotal / 1_000_000) MB)\n")
    }
  }

  func finished(_ outcome: ClipOutcome, progress: IngestProgress) {
    state.withLock { state in
      let path = Formatting.displayPath(outcome.path)
      if terminal {
        // Problems scroll up above the live line; routine clips only update it.
        if ![.ingested, .unchanged, .knownProblem, .copy].contains(outcome.kind) {
          Console.stderr((state.lineShown ? "\r\u{1B}[K" : "") + "\(label(outcome.kind)) \(path): \(outcome.reason ?? "")\n")
          state.lineShown = false
        }
        state.lastClipName = (path as NSString).lastPathComponent
        draw(progress, &state)
      } else {
        state.clipsReported += 1
        var line = "\(label(outcome.kind)) [\(state.clipsReported)/\(progress.clipsTotal)] \(path)"
        if outcome.framesDecoded > 0 { line += String(format: " (%d frames, %.1f s)", outcome.framesDecoded, outcome.seconds) }
        if let reason = outcome.reason { line += ": \(reason)" }
        Console.stderr(line + "\n")
      }
    }
  }

  func tick(_ progress: IngestProgress) {
    guard terminal else { return }
    state.withLock { draw(progress, &$0) }
  }

  /// The evidence library's step: a live count on a terminal, one line at the end otherwise.
  func keepingEvidence(done: Int, of total: Int) {
    state.withLock { state in
      if terminal {
        Console.stderr((state.lineShown ? "\r\u{1B}[K" : "") + "Keeping the events' footage: \(done)/\(total)")
        state.lineShown = true
      } else if done == total {
        Console.stderr("evidence kept for \(Formatting.plural(total, "event"))\n")
      }
    }
  }

  /// Removes the live line before the summary is printed.
  func clear() {
    state.withLock { state in
      if terminal && state.lineShown { Console.stderr("\r\u{1B}[K") }
      state.lineShown = false
    }
  }

  private func draw(_ progress: IngestProgress, _ state: inout State) {
    let percent = progress.bytesTotal > 0 ? Int(100 * Double(progress.bytesDone) / Double(progress.bytesTotal)) : 0
    var text = "[\(progress.clipsDone)/\(progress.clipsTotal) clips, \(percent)%] "
      + "\(Formatting.count(Int(progress.framesPerSecond))) frames/s  ETA \(progress.etaS.map(Formatting.clock) ?? "--:--")"
    if !state.lastClipName.isEmpty { text += "  \(state.lastClipName)" }
    Console.stderr((state.lineShown ? "\r\u{1B}[K" : "") + text)
    state.lineShown = true
  }

  private func label(_ kind: ClipOutcome.Kind) -> String {
    switch kind {
    case .ingested: "ok       "
    case .partial: "partial  "
    case .unchanged: "unchanged"
    case .notVideo: "not video"
    case .failed: "FAILED   "
    case .interrupted: "stopped  "
    case .knownProblem: "known    "
    case .copy: "copy     "
    }
  }
}
