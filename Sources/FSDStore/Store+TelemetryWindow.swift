import Foundation

extension Store {
  /// The stored telemetry within ±`halfWidthS` of an event's peak, joined across its drive's front
  /// clips (an event 14.7 s into a 15 s clip needs the next clip for the seconds after its peak),
  /// with `tS` relative to the peak. Nil when the event has no clip or no telemetry there.
  ///
  /// Clips are placed by their file-name (car-local) start times: every Tesla clip has one, and
  /// differences between clips of one car need no time zone.
  public func telemetryAround(_ event: EventRecord, halfWidthS: Double) throws -> StoredTelemetry? {
    guard let clipID = event.clipId, let offsetS = event.offsetS else { return nil }
    guard let driveID = event.driveId, let peakClip = try clip(id: clipID),
          let peakStart = ClipClock.localStartS(peakClip) else {
      return try telemetry(clipID: clipID)?.window(shiftS: -offsetS, halfWidthS: halfWidthS)
    }
    var merged: StoredTelemetry?
    for clip in try frontClips(driveID: driveID) {
      guard let id = clip.id, let start = ClipClock.localStartS(clip) else { continue }
      let shiftS = start - peakStart - offsetS
      let durationS = clip.durationS ?? 60
      // Skip clips that end before the window opens or start after it closes.
      guard shiftS + durationS >= -halfWidthS, shiftS <= halfWidthS,
            let telemetry = try telemetry(clipID: id)?.window(shiftS: shiftS, halfWidthS: halfWidthS) else { continue }
      if merged == nil { merged = StoredTelemetry(source: telemetry.source, rateHz: telemetry.rateHz, startUTC: nil) }
      merged!.append(telemetry)
    }
    return merged
  }
}

extension StoredTelemetry {
  /// The samples whose time, shifted by `shiftS`, lies within ±`halfWidthS`, with shifted times.
  func window(shiftS: Double, halfWidthS: Double) -> StoredTelemetry {
    var result = samples(at: tS.indices.filter { abs(Double(tS[$0]) + shiftS) <= halfWidthS + 1e-6 })
    result.tS = result.tS.map { $0 + Float(shiftS) }
    return result
  }
}
