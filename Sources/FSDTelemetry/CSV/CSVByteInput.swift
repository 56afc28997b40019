import Foundation

/// Bytes in chunks, so a large file is never held whole: the splitter keeps only the record it
/// is working on.
protocol CSVByteInput {
  /// Appends the next chunk to `buffer`; false when the input has ended (nothing appended).
  mutating func readChunk(into buffer: inout [UInt8]) throws -> Bool
}

/// A file read 1 MiB at a time.
struct CSVFileInput: CSVByteInput {
  private let handle: FileHandle
  private let chunkBytes: Int

  init(path: String, chunkBytes: Int = 1 << 20) throws {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw CSVInputError.unreadable(
        FileManager.default.fileExists(atPath: path)
          ? "cannot be opened for reading (check its permissions)"
          : "does not exist")
    }
    self.handle = handle
    self.chunkBytes = chunkBytes
  }

  mutating func readChunk(into buffer: inout [UInt8]) throws -> Bool {
    let chunk: Data?
    do { chunk = try handle.read(upToCount: chunkBytes) } catch {
      throw CSVInputError.unreadable("could not be read: \(error.localizedDescription)")
    }
    guard let chunk, !chunk.isEmpty else {
      try? handle.close()
      return false
    }
    buffer.append(contentsOf: chunk)
    return true
  }
}

/// Bytes already in memory, handed out in chunks like a file so both take the same path.
struct CSVDataInput: CSVByteInput {
  private let data: Data
  private var offset: Int
  private let chunkBytes: Int

  init(data: Data, chunkBytes: Int = 1 << 20) {
    self.data = data
    self.offset = data.startIndex
    self.chunkBytes = chunkBytes
  }

  mutating func readChunk(into buffer: inout [UInt8]) throws -> Bool {
    guard offset < data.endIndex else { return false }
    let end = min(offset + chunkBytes, data.endIndex)
    buffer.append(contentsOf: data[offset..<end])
    offset = end
    return true
  }
}
