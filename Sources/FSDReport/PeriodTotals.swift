import FSDDomain

/// What happened in one period (a month, or the time one FSD version was installed): the sums the
/// trust figures are computed from. Plain counts and sums, so they add up across periods.
public struct PeriodTotals: Sendable, Equatable {
  public var drives = 0
  /// Drives with telemetry (SEI or a CSV): only they know distance, speed and the FSD state.
  public var drivesWithTelemetry = 0
  /// All front-camera time of the period's drives, with or without telemetry.
  public var driveTimeS = 0.0
  /// The part of it on drives with telemetry: what the per-distance rates rest on.
  public var telemetryDriveTimeS = 0.0
  /// Footage missing inside the period's drives (gaps between their clips).
  public var missingVideoS = 0.0
  public var fsdDistanceM = 0.0, autosteerDistanceM = 0.0, taccDistanceM = 0.0, manualDistanceM = 0.0
  public var fsdTimeS = 0.0, autosteerTimeS = 0.0, taccTimeS = 0.0, manualTimeS = 0.0
  /// Drives on which FSD was engaged at all, and those of them with a phantom event.
  public var fsdDrives = 0
  public var fsdDrivesWithPhantom = 0

  public var events = 0
  public var eventsByKind: [EventKind: Int] = [:]
  public var eventsBySeverity: [Severity: Int] = [:]
  public var eventsByInitiator: [Initiator: Int] = [:]
  /// By current verdict, `untagged` included.
  public var eventsByVerdict: [VerdictFilter: Int] = [:]

  /// Incidents: the events of one takeover or maneuver, counted once (`Incident`).
  public var incidents = 0
  /// FSD maneuvers: incidents with a brake or swerve by FSD, by the incident's verdict.
  public var fsdManeuvers = 0
  public var phantom = 0, justified = 0, unsure = 0, untagged = 0
  /// Phantom events on drives with telemetry: the numerator of the rates whose denominator
  /// (FSD distance or time) only those drives know.
  public var phantomOnMeasuredDrives = 0
  /// Incidents the driver tagged `critical` and `intervened` (took over for safety; the flags may
  /// sit on any of its events), all drives and those with telemetry.
  public var criticalInterventions = 0
  public var criticalOnMeasuredDrives = 0

  public init() {}

  /// Phantom + justified: the tagged FSD maneuvers the justified share is computed from.
  public var decided: Int { phantom + justified }
  public var hasData: Bool { drives > 0 || events > 0 }
}
