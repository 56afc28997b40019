-- The report benchmark's synthetic year (tools/bench): run by sqlite3 on a database fsdlog created
-- (so the schema is the real one).
-- 12 months x 200 one-hour drives, 60 one-minute front clips each, 10,000 events, 60 % tagged.
WITH RECURSIVE d(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM d WHERE n < 2399)
INSERT INTO drives (id, start_local, end_local, clip_count, duration_s, fsd_distance_m, autosteer_distance_m,
  tacc_distance_m, manual_distance_m, fsd_time_s, autosteer_time_s, tacc_time_s, manual_time_s, telemetry_source)
SELECT n + 1,
  strftime('%Y-%m-%dT%H:%M:%S', '2026-01-01', '+' || (n / 200) || ' months', '+' || ((n % 200) * 3) || ' hours'),
  strftime('%Y-%m-%dT%H:%M:%S', '2026-01-01', '+' || (n / 200) || ' months', '+' || ((n % 200) * 3 + 1) || ' hours'),
  60, 3600, 52000 + (n % 17) * 900, 3000, 1000, 9000, 2700 + (n % 13) * 30, 300, 100, 500, 'sei'
FROM d;
WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 143999)
INSERT INTO clips (id, path, size_bytes, mtime_s, fingerprint, camera, source, drive_id, name_time_local, duration_s,
  status, analysis_version, ingested_at)
SELECT n + 1, '/bench/TeslaCam/RecentClips/clip-' || n || '-front.mp4', 80000000, 0, 'f', 'front', 'recent',
  n / 60 + 1, strftime('%Y-%m-%dT%H:%M:%S', d.start_local, '+' || ((n % 60) * 60) || ' seconds'), 60, 'ok', 1,
  '2027-01-01T00:00:00Z'
FROM c JOIN drives d ON d.id = n / 60 + 1;
WITH RECURSIVE e(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM e WHERE n < 9999)
INSERT INTO events (id, drive_id, clip_id, kind, severity, onset_utc, peak_utc, end_utc, offset_s, initiator, source,
  confidence, peak_decel_g, peak_lat_g, speed_before_mps, speed_after_mps, autopilot_state, lat, lon, detected_at)
SELECT n + 1, (n * 7919) % 2400 + 1, ((n * 7919) % 2400) * 60 + n % 60 + 1,
  CASE n % 10 WHEN 0 THEN 'swerve' WHEN 1 THEN 'disengagement' WHEN 2 THEN 'override' ELSE 'brake' END,
  CASE WHEN n % 10 IN (1, 2) THEN NULL WHEN n % 7 = 0 THEN 'emergency' WHEN n % 3 = 0 THEN 'hard' ELSE 'mild' END,
  t, t, t, (n % 600) / 10.0, CASE WHEN n % 10 IN (1, 2) THEN 'driver' ELSE 'fsd' END, 'telemetry', 1,
  CASE WHEN n % 10 >= 3 THEN 0.2 + (n % 40) / 100.0 END, CASE WHEN n % 10 = 0 THEN 0.3 END, 28, 20, 'SELF_DRIVING',
  37 + (n % 100) / 1000.0, -122 - (n % 100) / 1000.0, '2027-01-01T00:00:00Z'
FROM (SELECT n, strftime('%Y-%m-%dT%H:%M:%S.000Z', cl.name_time_local, '+' || (n % 60) || ' seconds') AS t
      FROM e JOIN clips cl ON cl.id = ((n * 7919) % 2400) * 60 + n % 60 + 1);
WITH RECURSIVE t(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM t WHERE n < 9999)
INSERT INTO tags (event_id, verdict, intervened, critical, note, action, tagged_at, source)
SELECT n + 1, CASE n % 5 WHEN 0 THEN 'phantom' WHEN 1 THEN 'justified' WHEN 2 THEN 'unsure' WHEN 3 THEN 'justified' END,
  CASE WHEN n % 97 = 0 THEN 1 ELSE 0 END, CASE WHEN n % 97 = 0 THEN 1 ELSE 0 END, NULL, 'tag',
  '2027-01-01T00:00:00.000Z', 'script'
FROM t WHERE n % 5 != 4;
