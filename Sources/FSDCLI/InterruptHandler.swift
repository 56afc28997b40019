import Dispatch
import FSDIngest
import Foundation

/// First Ctrl-C: stop taking clips, drop the ones in flight, save the run as interrupted.
/// Second Ctrl-C: leave at once (SQLite's journal still keeps the database consistent).
final class InterruptHandler: @unchecked Sendable {
  // @unchecked: `source` is set once in init and only cancelled in restore(), on the same thread.
  private let source: DispatchSourceSignal

  init(cancellation: CancellationFlag) {
    signal(SIGINT, SIG_IGN)
    source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
      if cancellation.isCancelled { _exit(130) }
      cancellation.cancel()
      FileHandle.standardError.write(Data("\nfsdlog: interrupted; finishing up (Ctrl-C again to quit at once)\n".utf8))
    }
    source.resume()
  }

  func restore() {
    source.cancel()
    signal(SIGINT, SIG_DFL)
  }
}
