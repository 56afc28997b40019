import Foundation

/// Tells a running ingest from one that was killed: a live run holds a shared `flock` on the
/// database file until it finishes, and the kernel drops it when the process dies, however it
/// dies. A `running` row while nobody holds the lock belongs to a run that will never finish.
///
/// `flock` locks are separate from the POSIX (`fcntl`) locks SQLite takes on the same file on
/// Linux and macOS, so the two never interfere, and closing SQLite's descriptors keeps this one.
final class IngestRunLock: @unchecked Sendable {
  private let lock = NSLock()
  private var descriptor: Int32 = -1
  private var dead: [Int64] = []

  /// The `running` rows found when this run began while no other process held the lock: runs that
  /// died without finishing. Empty when another run was alive (then nobody can tell).
  var deadRunIDs: [Int64] {
    get { lock.lock(); defer { lock.unlock() }; return dead }
    set { lock.lock(); dead = newValue; lock.unlock() }
  }

  /// Takes the shared lock (kept until `release` or the process ends). Returns true when no
  /// other process held it at that moment: every `running` row is then a dead run's.
  func acquire(databasePath: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard descriptor < 0 else { return false }
    let fd = open(databasePath, O_RDONLY | O_CLOEXEC)
    // No lock to be had (an odd file system): never call another run dead.
    guard fd >= 0 else { return false }
    descriptor = fd
    // Exclusive for a moment to learn whether anyone else holds it, then shared for our run.
    let alone = flock(fd, LOCK_EX | LOCK_NB) == 0
    _ = flock(fd, LOCK_SH)
    return alone
  }

  func release() {
    lock.lock()
    defer { lock.unlock() }
    guard descriptor >= 0 else { return }
    close(descriptor)  // closing the descriptor drops its flock
    descriptor = -1
  }

  deinit { if descriptor >= 0 { close(descriptor) } }
}
