import Foundation

/// Reads and parses one event.json, turning every failure into a message for the event folder:
/// a bad event.json must never stop its clips from being ingested.
enum EventJSONReader {
  /// Real files are a few hundred bytes; a huge one is filesystem corruption, not worth reading.
  static let maxSizeBytes = 1 << 20

  struct Failure: Error, Sendable {
    let text: String
  }

  static func read(path: String) -> Result<EventInfo, Failure> {
    let fileManager = FileManager.default
    if let attributes = try? fileManager.attributesOfItem(atPath: path),
      let sizeBytes = (attributes[.size] as? NSNumber)?.intValue, sizeBytes > maxSizeBytes
    {
      return .failure(Failure(text: "event.json is too large (\(sizeBytes) bytes) to be a Tesla event file"))
    }
    // The size above is what the directory entry says; the read itself is bounded too, so a file
    // that says less than it holds (a damaged FAT entry, a file still growing) cannot make it
    // allocate more than the limit.
    let data: Data
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      data = try handle.read(upToCount: maxSizeBytes + 1) ?? Data()
    } catch {
      return .failure(Failure(text: "event.json could not be read: \(error.localizedDescription)"))
    }
    if data.count > maxSizeBytes {
      return .failure(Failure(text: "event.json is too large (more than \(maxSizeBytes) bytes) to be a Tesla event file"))
    }
    do {
      return .success(try EventInfo.parse(data: data))
    } catch let error as EventInfoError {
      return .failure(Failure(text: error.description))
    } catch {
      return .failure(Failure(text: "event.json could not be parsed: \(error)"))
    }
  }
}
