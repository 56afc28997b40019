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
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      return .failure(Failure(text: "event.json could not be read: \(error.localizedDescription)"))
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
