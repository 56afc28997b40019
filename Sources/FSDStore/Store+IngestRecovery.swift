import Foundation
import GRDB

/// What an ingest needs to finish the work of an earlier ingest that never ended: one killed
/// (SIGKILL, power loss, an out-of-memory kill) leaves its `ingest_runs` row at `running`, and its
/// clips written but their drives' events, distances and telemetry source never computed.
extension Store {
  /// Earlier runs that stopped without finishing (a run that ends, even by Ctrl-C, sets
  /// `completed` or `interrupted`): the `running` rows `beginRun` found while no live process held
  /// the run lock. A run still going in another process is never among them. Oldest first.
  public func unfinishedRunIDs(before runID: Int64) throws -> [Int64] {
    runLock.deadRunIDs.filter { $0 < runID }
  }

  /// Marks runs found unfinished as interrupted once their drives have been detected again, so the
  /// next ingest does not redo them. `finished_at` stays NULL: when they stopped is not known. A
  /// run that is in fact still going in another process sets its own status when it ends.
  public func markInterrupted(runIDs: [Int64]) throws {
    guard !runIDs.isEmpty else { return }
    try pool.write { db in
      for id in runIDs {
        try db.execute(sql: "UPDATE ingest_runs SET status = 'interrupted' WHERE id = ? AND status = 'running'",
                       arguments: [id])
      }
    }
  }
}
