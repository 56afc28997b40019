import FSDDomain
import FSDStore
import Foundation

/// Everything the review card shows about one event, loaded once when the event comes up.
public struct EventDetails: Sendable {
  public var event: EventRecord
  public var clip: ClipRecord?
  /// The SavedClips/SentryClips folder the clip came from (city, street, reason).
  public var folder: EventFolderRecord?
  public var window: TelemetryWindow
  /// Car-local time of the peak ("2026-11-01T10:00:03"), when the clip name gives it.
  public var localTime: String?
  /// The camera's motion around the peak, loaded only when there is no telemetry to plot.
  public var motion: MotionWindow?
  /// The event's footage kept in the evidence library, and that folder's absolute path.
  public var evidence: EvidenceRecord?
  public var evidenceFolder: String?

  public init(event: EventRecord, clip: ClipRecord?, folder: EventFolderRecord?, window: TelemetryWindow, localTime: String?) {
    self.event = event
    self.clip = clip
    self.folder = folder
    self.window = window
    self.localTime = localTime
  }

  /// Loads the event's clip, folder and telemetry window. `localTime` turns a clip's name time
  /// plus the event's offset into car-local time (by default the clock every listing uses).
  public static func load(_ event: EventRecord, from store: Store,
                          localTime: (ClipRecord?, EventRecord) -> String? = ClipClock.peakLocal) throws -> EventDetails {
    let clip = try event.clipId.flatMap { try store.clip(id: $0) }
    let folder = try clip?.eventFolderId.flatMap { try store.eventFolder(id: $0) }
    let window = try TelemetryWindow.load(for: event, from: store)
    var details = EventDetails(event: event, clip: clip, folder: folder, window: window, localTime: localTime(clip, event))
    if let id = event.id, let evidence = try store.evidence(eventID: id) {
      details.evidence = evidence
      details.evidenceFolder = store.evidenceFolder(evidence)
    }
    if window.samples.isEmpty {
      details.motion = try MotionWindow.load(for: event, clip: clip, peakOffsetS: details.peakOffsetS, from: store)
    }
    return details
  }

  /// Front-camera footage of the event and where its peak lies in it.
  public struct Footage: Sendable, Equatable {
    public var path: String
    public var peakOffsetS: Double
    /// The copy in the evidence library, because the clip is no longer where it was ingested.
    public var fromLibrary: Bool
  }

  /// Where the event can be watched: the clip while it is where it was ingested, else the footage
  /// kept in the evidence library (the car overwrote RecentClips, the stick is unplugged).
  public var footage: Footage? {
    if let clip, FileManager.default.fileExists(atPath: clip.path) {
      return Footage(path: clip.path, peakOffsetS: peakOffsetS ?? 0, fromLibrary: false)
    }
    guard let evidence, let evidenceFolder, let peak = peakOffsetS else { return nil }
    let path = (evidenceFolder as NSString)
      .appendingPathComponent(EvidenceRecord.fileName(folder: evidence.folder, camera: Camera.front.rawValue))
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return Footage(path: path, peakOffsetS: max(0, peak - evidence.snippetStartS), fromLibrary: true)
  }

  /// Why there is nothing to watch, in words.
  public var noFootageReason: String {
    guard let clip else { return "This event has no recorded clip." }
    return "The clip is no longer at \(clip.path) (is the USB drive plugged in?), and no footage of it was kept"
      + " (ingest keeps each event's footage unless --no-evidence)."
  }

  /// The peak's offset into the front clip, seconds (for the player and the preview).
  public var peakOffsetS: Double? {
    if let offset = event.offsetS { return offset }
    guard let start = clip.flatMap(ClipClock.utcStartS), let peak = ClipClock.utcSeconds(event.peakUtc) else { return nil }
    return peak - start
  }
}
