import Foundation

/// Whether an MP4 file has been written to its end, from its top-level box headers alone (a few
/// 16-byte reads, no FFmpeg): what `fsdlog watch` asks before it lets a clip being copied in be
/// ingested.
///
/// A clip still being copied is a prefix of the real file. The car writes the `moov` index last,
/// so a prefix of its clip has none; a clip whose index comes first (`-movflags +faststart`) has
/// one early, but then its `mdat` box is missing or claims more bytes than the file holds yet. A
/// file is whole when it starts with `ftyp`, holds a `moov` and an `mdat` (the frames the index
/// points into), and its boxes end exactly at the end of the file.
public enum MP4Completeness {
  public static func isComplete(path: String) -> Bool {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
          let fileSize = (attributes[.size] as? NSNumber)?.uint64Value
    else { return false }
    let boxes = MP4Boxes.topLevel(path: path)
    guard boxes.first?.type == "ftyp", boxes.contains(where: { $0.type == "moov" }),
          boxes.contains(where: { $0.type == "mdat" }), let last = boxes.last else {
      return false
    }
    // `size <= fileSize - offset` first: a size claimed past the end would overflow the sum.
    return last.size <= fileSize - last.offset && last.offset + last.size == fileSize
  }
}
