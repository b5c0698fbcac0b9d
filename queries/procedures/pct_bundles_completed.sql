-- id: pct_bundles_completed
-- name_vi: Tỷ lệ nhóm thủ tục liên thông được giải quyết trọn vẹn
-- name_en: Linked bundles completed
-- unit: percent
-- numerator: linked bundles (birth and death) started during the month whose every step has been resolved
-- denominator: linked bundles (birth and death) started during the month (month of their first dossier)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: procedures
-- source: Decision 06/QĐ-TTg, IV.2.d
SELECT unit_id, month,
  sum(bundles_completed)::DOUBLE AS numerator,
  sum(bundles_started)::DOUBLE AS denominator,
  sum(bundles_completed_key)::BIGINT AS numerator_key,
  sum(bundles_started_key)::BIGINT AS denominator_key
FROM bundle_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
GROUP BY unit_id, month
HAVING sum(bundles_started) > 0
