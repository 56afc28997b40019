import FSDStore

/// The stored telemetry around an event's peak for its report trace.
enum TelemetryWindow {
  /// Telemetry within `windowS` of the peak, joined across the drive's front clips (the store does
  /// that), with `tS` relative to the start of the clip holding the peak, as `EventTrace` expects.
  static func around(_ item: TaggedEvent, store: Store, windowS: Double) throws -> StoredTelemetry? {
    guard let offsetS = item.event.offsetS, var telemetry = try store.telemetryAround(item.event, halfWidthS: windowS)
    else { return nil }
    telemetry.tS = telemetry.tS.map { $0 + Float(offsetS) }
    return telemetry
  }
}
