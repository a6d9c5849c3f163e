-- The debugging queries of the data-model spec (spec/database-models.md, "Debugging Direction"),
-- kept verbatim: each runs unchanged on our PostgreSQL schema (tests/test_debugging_queries.py).
-- `?` marks a bound parameter.

-- Check character assignments for a project
SELECT canonical_code, name, role, gender, age_range 
FROM characters WHERE project_id = ?;

-- Review active variants for a story
SELECT cv.variant_name, cv.variant_type, cv.is_active_for_story
FROM character_variants cv
WHERE cv.story_id = ? AND cv.is_active_for_story = true;

-- Find global actors
SELECT character_id, name, display_name, is_library_saved, approved
FROM characters WHERE project_id IS NULL;

-- List all artifacts for a scene
SELECT type, version, created_at, created_by
FROM artifacts 
WHERE scene_id = ?
ORDER BY type, version DESC;

-- Check for missing required artifacts
SELECT type, MAX(version) as latest_version
FROM artifacts
WHERE scene_id = ?
GROUP BY type;

-- Trace artifact lineage
WITH RECURSIVE lineage AS (
  SELECT artifact_id, parent_id, type, version, 0 as depth
  FROM artifacts WHERE artifact_id = ?
  UNION ALL
  SELECT a.artifact_id, a.parent_id, a.type, a.version, l.depth + 1
  FROM artifacts a
  JOIN lineage l ON a.artifact_id = l.parent_id
)
SELECT * FROM lineage ORDER BY depth;

-- Check story generation status
SELECT story_id, title, generation_status, generation_error, progress
FROM stories WHERE story_id = ?;

-- Review scene style overrides
SELECT scene_id, image_style_override, planning_locked
FROM scenes WHERE story_id = ?;

-- Check style preset inheritance
WITH RECURSIVE style_chain AS (
  SELECT preset_id, parent_id, name, style_config, 0 as depth
  FROM style_presets WHERE preset_id = ?
  UNION ALL
  SELECT sp.preset_id, sp.parent_id, sp.name, sp.style_config, sc.depth + 1
  FROM style_presets sp
  JOIN style_chain sc ON sp.preset_id = sc.parent_id
)
SELECT * FROM style_chain ORDER BY depth;

-- List scenes in episode order
SELECT es.order_index, s.scene_id, s.source_text
FROM episode_scenes es
JOIN scenes s ON es.scene_id = s.scene_id
WHERE es.episode_id = ?
ORDER BY es.order_index;

-- Check export job status
SELECT export_id, status, output_url, metadata_
FROM exports WHERE export_id = ?;

-- Review entity change history
SELECT action, timestamp, old_value, new_value
FROM audit_logs
WHERE entity_type = ? AND entity_id = ?
ORDER BY timestamp DESC;

-- Trace all changes from a request
SELECT entity_type, entity_id, action, timestamp
FROM audit_logs
WHERE request_id = ?
ORDER BY timestamp;
