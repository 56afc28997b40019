import FSDDomain
import GRDB

// The domain's values are stored as their raw strings (docs/schema.md), so records keep them as
// typed columns and queries compare them typed: `EventRecord.Columns.kind == EventKind.brake`.
extension EventKind: DatabaseValueConvertible {}
extension Severity: DatabaseValueConvertible {}
extension Initiator: DatabaseValueConvertible {}
extension EventSource: DatabaseValueConvertible {}
extension DisengagementCause: DatabaseValueConvertible {}
extension Verdict: DatabaseValueConvertible {}
extension AutopilotMode: DatabaseValueConvertible {}
extension ClipAnalysisMode: DatabaseValueConvertible {}
extension Camera: DatabaseValueConvertible {}
