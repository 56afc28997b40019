import FSDDomain
import FSDMedia
import Foundation

/// `e` in the review: a PNG of every camera at the event's peak, and the front camera's ±8 s
/// as an MP4 cut by stream copy, both in `reports/previews/` (or the folder given).
public struct PreviewExporter: Sendable {
  /// TeslaCam's camera suffixes, in the sheet's layout: pillars and front on top, repeaters and
  /// back below, as the cameras sit on the car seen from the driver's seat.
  public static let cameraLayout = Camera.sheetLayout
  public static let halfWidthS = 8.0

  public struct Output: Sendable, Equatable {
    public var pngPath: String
    public var mp4Path: String
    public var cameraCount: Int
    public var snippet: MP4Snippet.Result
  }

  public let directory: String

  public init(directory: String = "reports/previews") { self.directory = directory }

  public func exportPreview(_ details: EventDetails) -> String {
    do {
      let output = try export(details)
      let cameras = "\(output.cameraCount) camera\(output.cameraCount == 1 ? "" : "s")"
      return "Preview: \(output.pngPath) + .mp4 (\(cameras), \(ReviewCard.clock(output.snippet.startSeconds))–"
        + "\(ReviewCard.clock(output.snippet.endSeconds)) of the clip)"
    } catch {
      return "No preview: \(error)"
    }
  }

  /// Writes both files. Cameras that did not record (or fail to decode) are left dark.
  public func export(_ details: EventDetails) throws -> Output {
    guard let clip = details.clip else { throw PreviewError.noClip(eventID: details.event.id ?? 0) }
    // The clip where it was ingested, else the footage kept in the evidence library (its files
    // are named like TeslaCam's, so the other cameras are found beside the front one the same way).
    guard let footage = details.footage else { throw PreviewError.clipMissing(path: clip.path) }
    let source = footage.path, peak = footage.peakOffsetS
    try Self.createFolder(directory)
    let base = directory + "/" + baseName(details)

    var tiles: [Picture?] = []
    for camera in Self.cameraLayout {
      let path = Self.cameraPath(frontPath: source, camera: camera)
      tiles.append(FileManager.default.fileExists(atPath: path) ? try? MediaFile(path: path).picture(atSeconds: peak) : nil)
    }
    let front = tiles[1] ?? tiles.compactMap { $0 }.first
    guard let front else { throw PreviewError.nothingDecodes(path: source) }
    let tileWidth = 480, tileHeight = max(2, Int((Double(tileWidth) * Double(front.height) / Double(front.width)) / 2) * 2)
    let labels = zip(Self.cameraLayout, tiles).map { camera, tile in
      camera.rawValue.replacingOccurrences(of: "_", with: " ").uppercased() + (tile == nil ? " - NOT RECORDED" : "")
    }
    let sheet = try ContactSheet.compose(tiles, labels: labels, columns: 3, tileWidth: tileWidth, tileHeight: tileHeight)
    try sheet.writePNG(to: base + ".png")
    let snippet = try MP4Snippet.write(from: source, fromSeconds: peak - Self.halfWidthS, toSeconds: peak + Self.halfWidthS,
                                       to: base + ".mp4")
    return Output(pngPath: base + ".png", mp4Path: base + ".mp4", cameraCount: tiles.compactMap { $0 }.count, snippet: snippet)
  }

  /// Creates the previews folder, or says in words why it cannot be made.
  static func createFolder(_ path: String) throws {
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      // Find the deepest part of the path that exists: a file there, or no write permission.
      var ancestor = URL(fileURLWithPath: path).standardizedFileURL
      var isDirectory: ObjCBool = false
      while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
        ancestor.deleteLastPathComponent()
      }
      let reason = !isDirectory.boolValue ? "\(ancestor.path) is a file, not a folder"
        : !FileManager.default.isWritableFile(atPath: ancestor.path) ? "no permission to write in \(ancestor.path)"
        : error.localizedDescription
      throw PreviewError.cannotCreateFolder(path: path, reason: reason)
    }
  }

  /// "event-12-brake-2026-11-01_10-00-03": sorts by time within a kind, says what it is.
  func baseName(_ details: EventDetails) -> String {
    let time = (details.localTime ?? details.event.peakUtc).prefix(19)
      .replacingOccurrences(of: "T", with: "_").replacingOccurrences(of: ":", with: "-")
    return "event-\(details.event.id ?? 0)-\(details.event.kind)-\(time)"
  }

  /// The same moment's file for another camera: TeslaCam names differ only in the suffix.
  static func cameraPath(frontPath: String, camera: Camera) -> String {
    guard let range = frontPath.range(of: "-front.mp4", options: [.backwards, .anchored]) ?? frontPath.range(of: "-front.mp4", options: .backwards)
    else { return frontPath }
    return frontPath.replacingCharacters(in: range, with: "-\(camera).mp4")
  }
}

public enum PreviewError: Error, CustomStringConvertible {
  case noClip(eventID: Int64)
  case clipMissing(path: String)
  case nothingDecodes(path: String)
  case cannotCreateFolder(path: String, reason: String)

  public var description: String {
    switch self {
    case .noClip(let id): return "event \(id) has no recorded clip"
    case .clipMissing(let path): return "the clip is no longer at \(path) (is the USB drive plugged in?), and no footage of it was kept"
    case .nothingDecodes(let path): return "no camera of \(path) decodes at the event time"
    case .cannotCreateFolder(let path, let reason):
      return "cannot create \(path) (\(reason)); choose another folder with --previews DIR"
    }
  }
}

/// The review's real actions: the player and the preview exporter.
public struct SystemReviewActions: ReviewActions {
  public let player: ClipPlayer
  public let exporter: PreviewExporter

  public init(player: ClipPlayer = ClipPlayer(), exporter: PreviewExporter = PreviewExporter()) {
    self.player = player
    self.exporter = exporter
  }

  public func play(_ details: EventDetails) -> String { player.play(details) }
  public func exportPreview(_ details: EventDetails) -> String { exporter.exportPreview(details) }
}
