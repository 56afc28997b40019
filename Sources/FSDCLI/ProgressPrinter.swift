import FSDIngest
import Foundation
import Synchronization

/// Ingest progress on standard error: one live line on a terminal (clips done/total, frames/s,
/// ETA), a plain line per clip otherwise (logs, CI, pipes).
final class ProgressPrinter: IngestObserver {
  private struct State {
    var totalClips = 0
    var totalBytes: Int64 = 0
    var started = Date()
    var lineShown = false
  }

  private let terminal: Bool
  private let state = Mutex(State())

  init(terminal: Bool) { self.terminal = terminal }

  func planned(clips: Int, bytes: Int64, encryptedFolders: [String]) {
    state.withLock { state in
      state.totalClips = clips
      state.totalBytes = bytes
      state.started = Date()
    }
    if !terminal {
      Console.stderr("ingesting \(Formatting.plural(clips, "clip")) (\(bytes / 1_000_000) MB)\n")
    }
  }

  func finished(_ outcome: ClipOutcome, clipsDone: Int, bytesDone: Int64, framesDone: Int) {
    state.withLock { state in
      let elapsed = Date().timeIntervalSince(state.started)
      let framesPerSecond = elapsed > 0 ? Double(framesDone) / elapsed : 0
      let path = Formatting.displayPath(outcome.path)
      if terminal {
        var text = state.lineShown ? "\r\u{1B}[K" : ""
        if ![.ingested, .unchanged].contains(outcome.kind) {
          text += "\(label(outcome.kind)) \(path): \(outcome.reason ?? "")\n"
        }
        let remaining = Double(state.totalBytes - bytesDone)
        let eta = bytesDone > 0 ? elapsed * remaining / Double(bytesDone) : .nan
        text += "[\(clipsDone)/\(state.totalClips) clips] \(Formatting.count(Int(framesPerSecond))) frames/s"
          + "  ETA \(Formatting.clock(eta))  \((path as NSString).lastPathComponent)"
        Console.stderr(text)
        state.lineShown = true
      } else {
        var line = "\(label(outcome.kind)) [\(clipsDone)/\(state.totalClips)] \(path)"
        if outcome.framesDecoded > 0 { line += String(format: " (%d frames, %.1f s)", outcome.framesDecoded, outcome.seconds) }
        if let reason = outcome.reason { line += ": \(reason)" }
        Console.stderr(line + "\n")
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

  private func label(_ kind: ClipOutcome.Kind) -> String {
    switch kind {
    case .ingested: "ok       "
    case .partial: "partial  "
    case .unchanged: "unchanged"
    case .notVideo: "not video"
    case .failed: "FAILED   "
    case .interrupted: "stopped  "
    }
  }
}
