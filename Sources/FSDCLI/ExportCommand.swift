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
      let rows = try EventListingRow.rows(store, newestFirst: false)
      let text: String
      switch format {
      case .csv:
        text = ([EventListingRow.csvHeader] + rows.map(\.csvLine)).joined(separator: "\n") + "\n"
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

/// A GeoJSON FeatureCollection of events (RFC 7946: coordinates are [longitude, latitude]).
struct GeoJSON: Encodable {
  struct Feature: Encodable {
    struct Point: Encodable {
      let type = "Point"
      let coordinates: [Double]
    }
    let type = "Feature"
    let geometry: Point
    let properties: EventListingRow

    init(_ row: EventListingRow) {
      geometry = Point(coordinates: [row.lon ?? 0, row.lat ?? 0])
      properties = row
    }
  }
  let type = "FeatureCollection"
  let features: [Feature]
}
