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
    return migrator
  }
}
