import FSDDiscovery
import FSDStore
import Foundation

/// The SavedClips and SentryClips folders (event.json) of a run, one row per event: a folder is
/// known by its event (kind, folder name, event.json text), not by its path, as clips are
/// (`ClipRecognition`).
extension IngestPipeline {
  /// Saves every folder and returns the row id for each discovered folder path. The oldest row of
  /// an event is kept: it keeps its path while that folder still exists (the folder found here is
  /// a copy, and maps to it), else it takes this path. Other rows of the same event (written twice
  /// by an fsdlog from before) are folded into it.
  func saveEventFolders(_ folders: [EventFolder]) throws -> [String: Int64] {
    var ids: [String: Int64] = [:]
    for folder in folders {
      var record = EventFolderRecord(path: folder.path, source: folder.source.rawValue)
      record.timestampLocal = folder.info?.timestamp?.description
      // event.json's strings go in whole: SQLite would keep only what comes before a NUL.
      let text = { (value: String?) in value.map(UntrustedText.storable) }
      record.city = text(folder.info?.city)
      record.street = text(folder.info?.street)
      record.estLat = folder.info?.estLatDeg
      record.estLon = folder.info?.estLonDeg
      record.reason = text(folder.info?.reason)
      record.camera = text(folder.info?.camera)
      record.eventJson = text(folder.info?.rawJSON)
      record.eventJsonError = folder.infoError ?? (folder.hasEventJSON ? nil : "no event.json in this folder")
      record.thumbnailPath = folder.thumbnailPath

      let here = try store.eventFolder(path: folder.path)
      let same = try store.eventFolders(sameEventAs: record)
      guard let keeper = same.first, let keeperID = keeper.id else {
        // A new event, or this folder's event.json changed (repaired): its row by path.
        ids[folder.path] = try store.upsertEventFolder(record)
        continue
      }
      // A row at this path for another event.json goes too: this path now shows the keeper's event.
      let absorbed = same.dropFirst().compactMap(\.id) + [here?.id].compactMap { $0 }.filter { $0 != keeperID }
      try store.absorbEventFolders(absorbed, into: keeperID)
      var isFolder: ObjCBool = false
      if keeper.path != folder.path && FileManager.default.fileExists(atPath: keeper.path, isDirectory: &isFolder)
        && isFolder.boolValue {
        ids[folder.path] = keeperID
      } else {
        record.id = keeperID
        ids[folder.path] = try store.upsertEventFolder(record)
      }
    }
    return ids
  }
}
