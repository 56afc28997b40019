import Foundation
import FSDStore

/// The stored telemetry around an event's peak, joined across the drive's front clips: an event
/// 14.7 s into a 15 s clip needs the next clip for the seconds after its peak.
enum TelemetryWindow {
  /// Telemetry with `tS` relative to the start of the clip holding the peak (earlier clips give
  /// negative times), from every front clip of the drive within `windowS` of the peak.
  static func around(_ item: TaggedEvent, store: Store, windowS: Double) throws -> StoredTelemetry? {
    guard let clipID = item.event.clipId, let offset = item.event.offsetS else { return nil }
    guard let driveID = item.event.driveId,
          let peakClip = try store.clip(id: clipID), let peakStart = peakClip.nameTimeLocal.flatMap(localSeconds) else {
      return try store.telemetry(clipID: clipID)
    }
    var merged: StoredTelemetry?
    for clip in try store.frontClips(driveID: driveID) {
      guard let id = clip.id, let start = clip.nameTimeLocal.flatMap(localSeconds) else { continue }
      let shiftS = start - peakStart
      let duration = clip.durationS ?? 60
      // Skip clips that end before the window opens or start after it closes.
      guard shiftS + duration >= offset - windowS, shiftS <= offset + windowS,
            let telemetry = try store.telemetry(clipID: id) else { continue }
      if merged == nil {
        merged = StoredTelemetry(source: telemetry.source, rateHz: telemetry.rateHz, startUTC: nil)
      }
      merged!.append(telemetry, shiftS: Float(shiftS))
    }
    return merged
  }

  /// Car-local ISO text read as if UTC: right for differences between clips of one car.
  static func localSeconds(_ text: String) -> Double? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return formatter.date(from: String(text.prefix(19)))?.timeIntervalSince1970
  }
}

extension StoredTelemetry {
  /// Appends another clip's samples, their times shifted by `shiftS`.
  mutating func append(_ other: StoredTelemetry, shiftS: Float) {
    tS += other.tS.map { $0 + shiftS }
    speedMPS += other.speedMPS
    accelXMPS2 += other.accelXMPS2
    accelYMPS2 += other.accelYMPS2
    accelZMPS2 += other.accelZMPS2
    accelLongMPS2 += other.accelLongMPS2
    accelLatMPS2 += other.accelLatMPS2
    brake += other.brake
    accelerator += other.accelerator
    steeringDeg += other.steeringDeg
    autopilot += other.autopilot
    latDeg += other.latDeg
    lonDeg += other.lonDeg
    headingDeg += other.headingDeg
  }
}
