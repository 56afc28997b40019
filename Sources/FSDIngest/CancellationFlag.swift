import Synchronization

/// Set from a signal handler (Ctrl-C); workers check it between frames and abandon the clip in
/// flight without writing it.
public final class CancellationFlag: Sendable {
  private let flag = Atomic<Bool>(false)
  public init() {}
  public var isCancelled: Bool { flag.load(ordering: .relaxed) }
  public func cancel() { flag.store(true, ordering: .relaxed) }
}
