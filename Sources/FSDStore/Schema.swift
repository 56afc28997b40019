import Foundation
import GRDB

/// The database schema, as named, append-only migrations.
///
/// The schema is a public interface (people query it with sqlite3, Datasette, Grafana) and is
/// documented in docs/schema.md: change both together, and never edit a migration that has
/// shipped: add a new one.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: ingest runs, event folders, drives, clips, motion") { db in
      try db.execute(sql: """
        CREATE TABLE ingest_runs (
          id INTEGER PRIMARY KEY,
          started_at TEXT NOT NULL,
          finished_at TEXT,
          status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted')),
          paths TEXT NOT NULL,
          jobs INTEGER NOT NULL,
          force INTEGER NOT NULL,
          decode_quality TEXT NOT NULL,
          clips_ingested INTEGER NOT NULL DEFAULT 0,
          clips_skipped INTEGER NOT NULL DEFAULT 0,
          clips_failed INTEGER NOT NULL DEFAULT 0,
          clips_partial INTEGER NOT NULL DEFAULT 0,
          frames_decoded INTEGER NOT NULL DEFAULT 0,
          wall_s REAL,
          tool_version TEXT NOT NULL
        );

        CREATE TABLE event_folders (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          source TEXT NOT NULL,
          timestamp_local TEXT,
          city TEXT,
          street TEXT,
          est_lat REAL,
          est_lon REAL,
          reason TEXT,
          camera TEXT,
          event_json TEXT,
          event_json_error TEXT,
          thumbnail_path TEXT
        );

        CREATE TABLE drives (
          id INTEGER PRIMARY KEY,
          start_local TEXT NOT NULL,
          end_local TEXT NOT NULL,
          start_utc TEXT,
          clip_count INTEGER NOT NULL,
          duration_s REAL NOT NULL
        );

        CREATE TABLE clips (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          size_bytes INTEGER NOT NULL,
          mtime_s REAL NOT NULL,
          fingerprint TEXT NOT NULL,
          camera TEXT NOT NULL,
          source TEXT NOT NULL,
          event_folder_id INTEGER REFERENCES event_folders(id) ON DELETE SET NULL,
          drive_id INTEGER REFERENCES drives(id) ON DELETE SET NULL,
          name_time_local TEXT,
          start_utc TEXT,
          codec TEXT,
          width INTEGER,
          height INTEGER,
          time_base TEXT,
          duration_s REAL,
          frame_count INTEGER,
          status TEXT NOT NULL CHECK (status IN ('ok', 'partial', 'failed', 'not_video')),
          error TEXT,
          analysis_version INTEGER NOT NULL,
          decode_quality TEXT,
          ingest_run_id INTEGER REFERENCES ingest_runs(id) ON DELETE SET NULL,
          ingested_at TEXT NOT NULL
        );
        CREATE INDEX clips_by_camera_time ON clips(camera, name_time_local);
        CREATE INDEX clips_by_drive ON clips(drive_id);

        CREATE TABLE motion (
          clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
          frame_count INTEGER NOT NULL,
          pts_s BLOB NOT NULL,
          mafd BLOB NOT NULL
        );
        """)
    }
    migrator.registerMigration("v2: telemetry, events, drive usage and axis calibration") { db in
      try db.execute(sql: """
        ALTER TABLE clips ADD COLUMN sei_records INTEGER;
        ALTER TABLE clips ADD COLUMN sei_undecodable INTEGER;
        ALTER TABLE clips ADD COLUMN analysis_mode TEXT;

        CREATE TABLE telemetry (
          clip_id INTEGER PRIMARY KEY REFERENCES clips(id) ON DELETE CASCADE,
          source TEXT NOT NULL,
          source_path TEXT,
          rate_hz REAL NOT NULL,
          sample_count INTEGER NOT NULL,
          start_utc TEXT,
          t_s BLOB NOT NULL,
          speed_mps BLOB NOT NULL,
          accel_x_mps2 BLOB NOT NULL,
          accel_y_mps2 BLOB NOT NULL,
          accel_z_mps2 BLOB NOT NULL,
          accel_long_mps2 BLOB NOT NULL,
          accel_lat_mps2 BLOB NOT NULL,
          brake BLOB NOT NULL,
          accelerator BLOB NOT NULL,
          steering_deg BLOB NOT NULL,
          autopilot BLOB NOT NULL,
          lat_deg BLOB NOT NULL,
          lon_deg BLOB NOT NULL,
          heading_deg BLOB NOT NULL
        );

        ALTER TABLE drives ADD COLUMN fsd_distance_m REAL;
        ALTER TABLE drives ADD COLUMN autosteer_distance_m REAL;
        ALTER TABLE drives ADD COLUMN tacc_distance_m REAL;
        ALTER TABLE drives ADD COLUMN manual_distance_m REAL;
        ALTER TABLE drives ADD COLUMN fsd_time_s REAL;
        ALTER TABLE drives ADD COLUMN autosteer_time_s REAL;
        ALTER TABLE drives ADD COLUMN tacc_time_s REAL;
        ALTER TABLE drives ADD COLUMN manual_time_s REAL;
        ALTER TABLE drives ADD COLUMN telemetry_source TEXT;
        ALTER TABLE drives ADD COLUMN axis_calibration TEXT;

        CREATE TABLE events (
          id INTEGER PRIMARY KEY,
          drive_id INTEGER REFERENCES drives(id) ON DELETE SET NULL,
          clip_id INTEGER REFERENCES clips(id) ON DELETE SET NULL,
          kind TEXT NOT NULL CHECK (kind IN ('brake', 'swerve', 'disengagement', 'override')),
          severity TEXT,
          onset_utc TEXT NOT NULL,
          peak_utc TEXT NOT NULL,
          end_utc TEXT NOT NULL,
          offset_s REAL,
          initiator TEXT NOT NULL CHECK (initiator IN ('fsd', 'driver', 'unknown')),
          cause TEXT,
          source TEXT NOT NULL CHECK (source IN ('telemetry', 'vision', 'both')),
          confidence REAL NOT NULL,
          peak_decel_g REAL,
          peak_lat_g REAL,
          speed_before_mps REAL,
          speed_after_mps REAL,
          autopilot_state TEXT,
          lat REAL,
          lon REAL,
          rule TEXT,
          thresholds TEXT,
          detected_at TEXT NOT NULL,
          superseded_at TEXT
        );
        CREATE INDEX events_by_time ON events(peak_utc);
        CREATE INDEX events_by_drive ON events(drive_id);
        """)
    }
    // Review tags are the driver's ground truth: append-only, so nothing a driver said is ever
    // lost. The latest row of an event is its current state; untag and undo append rows too.
    migrator.registerMigration("v3: tags") { db in
      try db.execute(sql: """
        CREATE TABLE tags (
          id INTEGER PRIMARY KEY,
          event_id INTEGER NOT NULL REFERENCES events(id),
          verdict TEXT CHECK (verdict IN ('phantom', 'justified', 'unsure')),
          intervened INTEGER NOT NULL DEFAULT 0 CHECK (intervened IN (0, 1)),
          critical INTEGER NOT NULL DEFAULT 0 CHECK (critical IN (0, 1)),
          note TEXT,
          action TEXT NOT NULL CHECK (action IN ('tag', 'untag', 'undo')),
          tagged_at TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('cli', 'script', 'review'))
        );
        -- "The latest row of an event" is one index seek: (event_id, id DESC).
        CREATE INDEX tags_by_event ON tags(event_id, id);
        -- Enforced in the file, so no client (sqlite3, Datasette) rewrites history by accident.
        CREATE TRIGGER tags_no_update BEFORE UPDATE ON tags
          BEGIN SELECT RAISE(ABORT, 'tags are append-only: add a row instead'); END;
        CREATE TRIGGER tags_no_delete BEFORE DELETE ON tags
          BEGIN SELECT RAISE(ABORT, 'tags are append-only: add an untag row instead'); END;
        """)
    }
    // The driver's record of FSD releases ("12.5.6 since 2026-10-14"): statistics per version
    // assign each drive and event to the latest release installed on or before its car-local day.
    migrator.registerMigration("v4: fsd versions") { db in
      try db.execute(sql: """
        CREATE TABLE fsd_versions (
          id INTEGER PRIMARY KEY,
          version TEXT NOT NULL UNIQUE,
          since_local TEXT NOT NULL CHECK (since_local GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
          added_at TEXT NOT NULL
        );
        CREATE INDEX fsd_versions_by_date ON fsd_versions(since_local);
        """)
    }
    // The motion core's ego-motion columns, packed like pts_s and mafd (float32, little-endian).
    // Rows written before this migration keep NULLs there and read back as zeros with
    // `StoredMotion.hasEgoMotion == false`.
    migrator.registerMigration("v5: motion ego-motion") { db in
      try db.execute(sql: """
        ALTER TABLE motion ADD COLUMN dx BLOB;
        ALTER TABLE motion ADD COLUMN dy BLOB;
        ALTER TABLE motion ADD COLUMN expansion BLOB;
        ALTER TABLE motion ADD COLUMN brightness BLOB;
        ALTER TABLE motion ADD COLUMN confidence BLOB;
        """)
    }
    // Which clock placed each clip: the TeslaCam file name, another dashcam's file name, the MP4
    // creation time, or the file's modification time minus the clip's length. Rows from before
    // take what ingest would have chosen then (another dashcam's name was not read before this).
    migrator.registerMigration("v6: clip time source") { db in
      try db.execute(sql: """
        ALTER TABLE clips ADD COLUMN time_source TEXT
          CHECK (time_source IN ('file_name', 'dashcam_file_name', 'mp4_creation_time', 'file_modified'));
        UPDATE clips SET time_source = CASE
          WHEN name_time_local IS NOT NULL THEN 'file_name'
          WHEN start_utc IS NOT NULL THEN 'mp4_creation_time'
          WHEN status IN ('ok', 'partial') THEN 'file_modified'
          END;
        """)
    }
    // The schema as people query it (sqlite3, Datasette, Grafana): a drive without telemetry has
    // no known distance or time (NULL, not 0.0), event figures are kept at the precision they
    // were measured to (float32 telemetry gave 0.37999999751512636 g), and two views answer the
    // usual questions without a correlated subquery of one's own.
    migrator.registerMigration("v7: views, unknown distances as NULL, measured precision") { db in
      try db.execute(sql: """
        UPDATE drives SET fsd_distance_m = NULL, autosteer_distance_m = NULL, tacc_distance_m = NULL,
          manual_distance_m = NULL, fsd_time_s = NULL, autosteer_time_s = NULL, tacc_time_s = NULL,
          manual_time_s = NULL
          WHERE telemetry_source IS NULL;
        UPDATE events SET offset_s = round(offset_s, 3), peak_decel_g = round(peak_decel_g, 4),
          peak_lat_g = round(peak_lat_g, 4), speed_before_mps = round(speed_before_mps, 3),
          speed_after_mps = round(speed_after_mps, 3), confidence = round(confidence, 3),
          lat = round(lat, 7), lon = round(lon, 7);

        -- Every current event with its current verdict (the latest tag row; untagged without one)
        -- and its peak on the car's clock (the clip's file-name time + offset_s; NULL when the
        -- clip has no file-name time).
        CREATE VIEW event_verdicts AS
        SELECT e.id, e.drive_id, e.kind, e.severity, e.cause, e.initiator, e.source, e.confidence,
               e.onset_utc, e.peak_utc, e.end_utc,
               CASE WHEN c.name_time_local IS NOT NULL AND e.offset_s IS NOT NULL
                    THEN strftime('%Y-%m-%dT%H:%M:%S', c.name_time_local, printf('%+.3f seconds', e.offset_s))
               END AS peak_local,
               c.path AS clip, e.offset_s, e.peak_decel_g, e.peak_lat_g, e.speed_before_mps, e.speed_after_mps,
               e.autopilot_state, e.lat, e.lon,
               COALESCE(t.verdict, 'untagged') AS verdict, COALESCE(t.intervened, 0) AS intervened,
               COALESCE(t.critical, 0) AS critical, t.note, t.tagged_at
        FROM events e
        LEFT JOIN clips c ON c.id = e.clip_id
        LEFT JOIN tags t ON t.id = (SELECT max(id) FROM tags WHERE event_id = e.id)
        WHERE e.superseded_at IS NULL;

        -- The report's monthly figures (docs/statistics.md): a drive counts in the car-local month
        -- it began, an event in the car-local month of its peak (UTC when the clip has no
        -- file-name time); rates count phantom FSD maneuvers on drives with telemetry over their
        -- FSD distance, NULL when there is none.
        CREATE VIEW monthly_figures AS
        WITH drive_months AS (
          SELECT substr(start_local, 1, 7) AS month, count(*) AS drives,
                 sum(telemetry_source IS NOT NULL) AS drives_with_telemetry,
                 sum(fsd_distance_m) / 1000.0 AS fsd_km, sum(fsd_time_s) / 3600.0 AS fsd_hours
          FROM drives GROUP BY 1),
        event_months AS (
          SELECT COALESCE(substr(v.peak_local, 1, 7), substr(v.peak_utc, 1, 7)) AS month, count(*) AS events,
                 sum(v.initiator = 'fsd') AS fsd_maneuvers,
                 sum(v.initiator = 'fsd' AND v.verdict = 'phantom') AS phantom,
                 sum(v.initiator = 'fsd' AND v.verdict = 'justified') AS justified,
                 sum(v.initiator = 'fsd' AND v.verdict = 'unsure') AS unsure,
                 sum(v.initiator = 'fsd' AND v.verdict = 'untagged') AS untagged,
                 sum(v.initiator = 'fsd' AND v.verdict = 'phantom' AND d.telemetry_source IS NOT NULL)
                   AS phantom_on_drives_with_telemetry
          FROM event_verdicts v LEFT JOIN drives d ON d.id = v.drive_id GROUP BY 1),
        months AS (SELECT month FROM drive_months UNION SELECT month FROM event_months)
        SELECT m.month, COALESCE(d.drives, 0) AS drives, COALESCE(d.drives_with_telemetry, 0) AS drives_with_telemetry,
               d.fsd_km, d.fsd_hours, COALESCE(e.events, 0) AS events, COALESCE(e.fsd_maneuvers, 0) AS fsd_maneuvers,
               COALESCE(e.phantom, 0) AS phantom, COALESCE(e.justified, 0) AS justified,
               COALESCE(e.unsure, 0) AS unsure, COALESCE(e.untagged, 0) AS untagged,
               COALESCE(e.phantom_on_drives_with_telemetry, 0) * 1000.0 / NULLIF(d.fsd_km, 0) AS phantom_per_1000_km,
               CAST(COALESCE(e.justified, 0) AS REAL) / NULLIF(COALESCE(e.phantom, 0) + COALESCE(e.justified, 0), 0)
                 AS justified_share
        FROM months m LEFT JOIN drive_months d USING (month) LEFT JOIN event_months e USING (month)
        ORDER BY m.month;
        """)
    }
    // A clip is known by its content, not its path (issue 14): ingest looks stored clips up by
    // size and fingerprint to recognise a tree that moved or a second copy of it. Not UNIQUE:
    // rows whose bytes could not be read share the fingerprint 'none: not read', and databases
    // from before this migration may hold the same clip twice until an ingest keeps one of them.
    migrator.registerMigration("v8: clips by content") { db in
      try db.execute(sql: "CREATE INDEX clips_by_content ON clips(size_bytes, fingerprint)")
    }
    // The evidence library (issue 14): every event's footage, stream-copied at ingest into a
    // folder beside the database, so review, `event` and the report still work once the car has
    // overwritten RecentClips or the stick is gone. A row exists only for a folder written whole.
    migrator.registerMigration("v9: evidence library") { db in
      try db.execute(sql: """
        CREATE TABLE evidence (
          event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
          folder TEXT NOT NULL,
          clip_id INTEGER REFERENCES clips(id) ON DELETE SET NULL,
          snippet_start_s REAL NOT NULL,
          cameras INTEGER NOT NULL,
          size_bytes INTEGER NOT NULL,
          made_at TEXT NOT NULL
        )
        """)
    }
    // Adding an event kind is a case in FSDDomain.EventKind and its detector, not a schema change
    // (docs/architecture.md): the typed column already refuses a kind this fsdlog does not know.
    // SQLite cannot drop a CHECK in place, so `events` is rebuilt the way SQLite documents
    // (https://www.sqlite.org/lang_altertable.html#otheralter): a new table from the stored
    // definition less the kind's CHECK, every row copied with its id (tags and evidence refer to
    // them), the old one dropped, the new one renamed. A rename re-reads every view and trigger
    // and fails on one that names a table missing at that moment, so they are dropped first and
    // made again from their stored SQL, with the indexes on `events`, in the order they were
    // made. GRDB runs the migration in one transaction with foreign keys off and runs
    // `PRAGMA foreign_key_check` before committing; dropping `events` with them on would delete
    // the evidence rows (ON DELETE CASCADE).
    migrator.registerMigration("v10: event kind without a CHECK") { db in
      let kindCheck = " CHECK (kind IN ('brake', 'swerve', 'disengagement', 'override'))"
      guard let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'events'"),
            table.contains(kindCheck), table.hasPrefix("CREATE TABLE events (")
      else { throw DatabaseError(message: "v10: the events table is not the one v2 made") }
      let dependents = try Row.fetchAll(db, sql: """
        SELECT type, name, sql FROM sqlite_master
        WHERE sql IS NOT NULL AND (type IN ('view', 'trigger') OR (type = 'index' AND tbl_name = 'events'))
        ORDER BY rowid
        """)
      for dependent in dependents where dependent["type"] as String != "index" {
        try db.execute(sql: "DROP \(dependent["type"] as String) \((dependent["name"] as String).quotedDatabaseIdentifier)")
      }
      try db.execute(sql: table.replacingOccurrences(of: kindCheck, with: "")
        .replacingOccurrences(of: "CREATE TABLE events (", with: "CREATE TABLE events_new ("))
      try db.execute(sql: """
        INSERT INTO events_new SELECT * FROM events;
        DROP TABLE events;
        ALTER TABLE events_new RENAME TO events;
        """)
      for dependent in dependents { try db.execute(sql: dependent["sql"]) }
    }
    return migrator
  }
}
