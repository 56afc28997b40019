import FSDMedia
import FSDReport
import FSDStore
import Foundation

/// An event's thumbnail for the report: the saved clip's thumb.png when there is one (free), else
/// the front camera's frame at the peak, decoded from the keyframe before it (at most one GOP)
/// and scaled to 320 px wide, else — the clip gone — the peak frame kept in the evidence library.
/// Any failure becomes a reason the report prints.
enum PeakFrameThumbnail {
  static let widthPx = 320

  static func maker(store: Store) -> @Sendable (TaggedEvent) -> Thumbnail {
    { item in make(item, store: store) }
  }

  static func make(_ item: TaggedEvent, store: Store? = nil) -> Thumbnail {
    if case .png = ReportBuilder.savedThumbnail(item) { return ReportBuilder.savedThumbnail(item) }
    guard let path = item.clipPath, let offset = item.event.offsetS else {
      return .unavailable(reason: "the event has no front clip")
    }
    guard FileManager.default.fileExists(atPath: path) else {
      if let store, let id = item.event.id, let evidence = try? store.evidence(eventID: id),
         let data = FileManager.default.contents(atPath: (store.evidenceFolder(evidence) as NSString)
           .appendingPathComponent(EvidenceRecord.peakImageName(folder: evidence.folder))) {
        return .png(data, source: "Front camera at the peak, from the footage kept in the evidence library (the clip is gone)")
      }
      return .unavailable(reason: "the clip is no longer at \(path), and no footage of it was kept")
    }
    let temporary = FileManager.default.temporaryDirectory
      .appendingPathComponent("fsdlog-thumb-\(UUID().uuidString).png").path
    defer { try? FileManager.default.removeItem(atPath: temporary) }
    do {
      let picture = try MediaFile(path: path).picture(atSeconds: offset)
      let height = max(2, (widthPx * picture.height / max(picture.width, 1)) & ~1)
      try picture.writePNG(to: temporary, width: widthPx, height: height)
      guard let data = FileManager.default.contents(atPath: temporary) else {
        return .unavailable(reason: "the frame could not be written")
      }
      return .png(data, source: String(format: "Front camera at the peak (%.1f s into the clip)", offset))
    } catch {
      return .unavailable(reason: "the frame at the peak could not be decoded (\(error))")
    }
  }
}
