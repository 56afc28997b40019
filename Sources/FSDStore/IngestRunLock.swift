import Foundation

/// Tells a running ingest from one that was killed: a live run holds a shared `flock` on the
/// database file until it finishes, and the kernel drops it when the process dies, however it
/// dies. A `running` row while nobody holds the lock belongs to a run that will never finish.
///
/// `flock` locks are separate from the POSIX (`fcntl`) locks SQLite takes on the same file on
/// Linux and macOS, so the two never interfere, and closing SQLite's descriptors keeps this one.
/// The other way round does not hold: closing *any* descriptor of the file drops every POSIX lock
/// the process has on it, SQLite's shared lock included. Another process closing the database
/// then believes it is the last user and deletes the WAL and its index from under this one's open
/// connections ("disk I/O error" on the next read: `fsdlog watch`, which runs one ingest after
/// another on one `Store`, met it as soon as `fsdlog status` or `sqlite3` ran between two runs).
/// So the descriptor is opened once and kept while the store lives; `release` only unlocks it.
final class IngestRunLock: @unchecked Sendable {
  private let lock = NSLock()
  private var descriptor: Int32 = -1
  private var held = false
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
    guard !held else { return false }
    if descriptor < 0 { descriptor = open(databasePath, O_RDONLY | O_CLOEXEC) }
    // No lock to be had (an odd file system): never call another run dead.
    guard descriptor >= 0 else { return false }
    held = true
    // Exclusive for a moment to learn whether anyone else holds it, then shared for our run.
    let alone = flock(descriptor, LOCK_EX | LOCK_NB) == 0
    _ = flock(descriptor, LOCK_SH)
    return alone
  }

  /// Unlocks, and keeps the descriptor for the next run (see above: closing it would drop
  /// SQLite's locks); the kernel drops the flock anyway when the process dies.
  func release() {
    lock.lock()
    defer { lock.unlock() }
    guard held else { return }
    _ = flock(descriptor, LOCK_UN)
    held = false
  }

  deinit { if descriptor >= 0 { close(descriptor) } }
}
