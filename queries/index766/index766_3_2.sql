-- id: index766_3_2
-- name_vi: Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ trực tuyến
-- name_en: Online services that received online dossiers
-- unit: percent
-- numerator: procedures in the unit's competence (procedures.level = the base unit's units.level) offered online (online_level partial or full) for which the unit received at least one dossier online (channel online) during the month; months up to the dossiers' data date
-- denominator: procedures in the unit's competence offered online (online_level partial or full), counted once per month up to the dossiers' data date (procedure-months: a period's ratio is the mean over its months)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: none
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 3.2 (group 3, online service), as the national public-service portal scores it

-- The dossiers' data date: datasets.data_date of kind 'dossiers' (service_month's last month when a store has none).
-- One row per procedure and month (0 or 1 of 1), so that the breakdown names the services without online dossiers.
SELECT u.unit_id, m.month,
  (count(*) FILTER (WHERE s.received_online > 0))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key,
  p.procedure_code
FROM units u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN procedures p ON p.level = u.level
LEFT JOIN service_month s ON s.unit_id = u.unit_id AND s.month = m.month AND s.procedure_code = p.procedure_code
WHERE u.unit_id IN (SELECT unnest($units)) AND p.online_level IN ('partial', 'full')
  AND m.month <= coalesce((SELECT date_trunc('month', data_date) FROM datasets WHERE kind = 'dossiers'),
    (SELECT max(month) FROM service_month))
GROUP BY u.unit_id, m.month, p.procedure_code
