import Dispatch
import FSDIngest
import Foundation

/// First Ctrl-C: stop taking clips, drop the ones in flight, save the run as interrupted.
/// Second Ctrl-C: leave at once (SQLite's journal still keeps the database consistent).
///
/// `fsdlog watch` also takes SIGTERM this way, the signal `systemctl stop` and a shutdown send.
final class InterruptHandler: @unchecked Sendable {
  // @unchecked: `sources` is set once in init and only cancelled in restore(), on the same thread.
  private let sources: [(signal: Int32, source: DispatchSourceSignal)]

  init(cancellation: CancellationFlag, signals: [Int32] = [SIGINT],
       message: String = "interrupted; finishing up (Ctrl-C again to quit at once)") {
    sources = signals.map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        if cancellation.isCancelled { _exit(130) }
        cancellation.cancel()
        FileHandle.standardError.write(Data("\nfsdlog: \(message)\n".utf8))
      }
      source.resume()
      return (number, source)
    }
  }

  func restore() {
    for (number, source) in sources {
      source.cancel()
      signal(number, SIG_DFL)
    }
  }
}
