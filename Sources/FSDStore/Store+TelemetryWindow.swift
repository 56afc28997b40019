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
    var result = StoredTelemetry(source: source, sourcePath: sourcePath, rateHz: rateHz, startUTC: nil)
    let kept = tS.indices.filter { abs(Double(tS[$0]) + shiftS) <= halfWidthS + 1e-6 }
    func pick<T>(_ values: [T]) -> [T] { kept.compactMap { $0 < values.count ? values[$0] : nil } }
    result.tS = kept.map { tS[$0] + Float(shiftS) }
    result.speedMPS = pick(speedMPS)
    result.accelXMPS2 = pick(accelXMPS2)
    result.accelYMPS2 = pick(accelYMPS2)
    result.accelZMPS2 = pick(accelZMPS2)
    result.accelLongMPS2 = pick(accelLongMPS2)
    result.accelLatMPS2 = pick(accelLatMPS2)
    result.brake = pick(brake)
    result.accelerator = pick(accelerator)
    result.steeringDeg = pick(steeringDeg)
    result.autopilot = pick(autopilot)
    result.latDeg = pick(latDeg)
    result.lonDeg = pick(lonDeg)
    result.headingDeg = pick(headingDeg)
    return result
  }

  /// Appends another stretch's samples (times already on the same axis).
  mutating func append(_ other: StoredTelemetry) {
    tS += other.tS
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
