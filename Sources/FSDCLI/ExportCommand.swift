import ArgumentParser
import FSDReport
import FSDStore
import Foundation

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export every event with its verdict, for spreadsheets, notebooks and maps.",
    discussion: """
      Oldest first. Fields: id, kind, severity, cause, initiator, source, confidence, onset, peak, end \
      (UTC), peak_local (car-local), drive_id, clip, offset_s, peak_decel_g, peak_lat_g, \
      speed_before_mps, speed_after_mps, autopilot_state, lat, lon, verdict (phantom, justified, \
      unsure or untagged), intervened, critical, note, fsd_version. GeoJSON holds the events with a \
      position, as Points ([lon, lat]) with the other fields as properties.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, geojson }

  @OptionGroup var database: DatabaseOptions

  @Option(help: "csv, json or geojson.")
  var format: Format = .csv

  @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
  var out: String?

  func run() throws {
    try Console.run {
      let store = try database.openExisting()
      let timeline = VersionTimeline(try store.fsdVersions())
      let rows = try store.taggedEvents().map { ExportRow($0, version: timeline.version(at: $0.whenLocal)) }
      let text: String
      switch format {
      case .csv:
        text = ([ExportRow.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n"
      case .json:
        text = try Self.json(rows) + "\n"
      case .geojson:
        let located = rows.filter { $0.lat != nil && $0.lon != nil }
        if located.count < rows.count {
          Console.stderr("fsdlog: \(rows.count - located.count) of \(rows.count) events have no position and are not in the GeoJSON\n")
        }
        text = try Self.json(GeoJSON(features: located.map(GeoJSON.Feature.init))) + "\n"
      }
      if let out {
        do {
          try text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
          throw Failure(message: "cannot write \(out): \(error.localizedDescription)", exitCode: 2)
        }
        Console.stderr("wrote \(Formatting.plural(format == .geojson ? rows.filter { $0.lat != nil && $0.lon != nil }.count : rows.count, "event")) to \(out)\n")
      } else {
        print(text, terminator: "")
      }
    }
  }

  static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

/// One exported event.
struct ExportRow: Encodable {
  let id: Int64
  let kind: String
  let severity: String?
  let cause: String?
  let initiator: String
  let source: String
  let confidence: Double
  let onset: String
  let peak: String
  let end: String
  let peak_local: String?
  let drive_id: Int64?
  let clip: String?
  let offset_s: Double?
  let peak_decel_g: Double?
  let peak_lat_g: Double?
  let speed_before_mps: Double?
  let speed_after_mps: Double?
  let autopilot_state: String?
  let lat: Double?
  let lon: Double?
  let verdict: String
  let intervened: Bool
  let critical: Bool
  let note: String?
  let fsd_version: String

  init(_ item: TaggedEvent, version: String) {
    let event = item.event
    id = event.id ?? 0
    kind = event.kind
    severity = event.severity
    cause = event.cause
    initiator = event.initiator
    source = event.source
    confidence = event.confidence
    onset = event.onsetUtc
    peak = event.peakUtc
    end = event.endUtc
    peak_local = item.peakLocal
    drive_id = event.driveId
    clip = item.clipPath
    offset_s = event.offsetS.map { ($0 * 1000).rounded() / 1000 }
    peak_decel_g = event.peakDecelG.map { ($0 * 1000).rounded() / 1000 }
    peak_lat_g = event.peakLatG.map { ($0 * 1000).rounded() / 1000 }
    speed_before_mps = event.speedBeforeMps.map { ($0 * 100).rounded() / 100 }
    speed_after_mps = event.speedAfterMps.map { ($0 * 100).rounded() / 100 }
    autopilot_state = event.autopilotState
    lat = event.lat
    lon = event.lon
    verdict = item.state.verdict?.rawValue ?? "untagged"
    intervened = item.state.intervened
    critical = item.state.critical
    note = item.state.note
    fsd_version = version
  }

  static let csvHeader = "id,kind,severity,cause,initiator,source,confidence,onset,peak,end,peak_local,drive_id,clip,"
    + "offset_s,peak_decel_g,peak_lat_g,speed_before_mps,speed_after_mps,autopilot_state,lat,lon,verdict,intervened,"
    + "critical,note,fsd_version"

  var csvLine: String {
    let text = CSVField.text
    return [text(id), kind, text(severity), text(cause), initiator, source, text(confidence), onset, peak, end,
            text(peak_local), text(drive_id), text(clip), text(offset_s), text(peak_decel_g), text(peak_lat_g),
            text(speed_before_mps), text(speed_after_mps), text(autopilot_state), text(lat), text(lon), verdict,
            intervened ? "1" : "0", critical ? "1" : "0", text(note), text(fsd_version)].joined(separator: ",")
  }
}

/// A GeoJSON FeatureCollection of events (RFC 7946: coordinates are [longitude, latitude]).
struct GeoJSON: Encodable {
  struct Feature: Encodable {
    struct Point: Encodable {
      let type = "Point"
      let coordinates: [Double]
    }
    let type = "Feature"
    let geometry: Point
    let properties: ExportRow

    init(_ row: ExportRow) {
      geometry = Point(coordinates: [row.lon ?? 0, row.lat ?? 0])
      properties = row
    }
  }
  let type = "FeatureCollection"
  let features: [Feature]
}
