-- id: index766_1_4
-- name_vi: Tỷ lệ hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia
-- name_en: Dossiers synchronised to the national public-service portal
-- unit: percent
-- numerator: dossiers received during the month (received_at) that were synchronised to the national portal (synced_portal true); 0 in a fallback month (below)
-- denominator: dossiers received during the month whose synchronisation is reported (synced_portal not NULL); in a month where the base unit received no dossier at all, up to the dossiers' data date, while it received some in the previous calendar year: that year's dossiers received ÷ 12, rounded (a fallback row, left out when it rounds to 0)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 1.4 (group 1, transparency), as the national public-service portal scores it

-- The dossiers' data date: datasets.data_date of kind 'dossiers' (service_month's last month when a store has none).
-- The fallback denominator is an estimate, not a count of dossiers: it has no cell key (NULL) and is published as is;
-- its numerator counts no dossier (key 0). Fallback rows are not about one procedure (procedure_code NULL).
SELECT s.unit_id, s.month,
  sum(s.synced)::DOUBLE AS numerator,
  sum(s.synced_known)::DOUBLE AS denominator,
  sum(s.synced_key)::BIGINT AS numerator_key,
  sum(s.synced_known_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.synced_known) > 0
UNION ALL
SELECT u.unit_id, m.month,
  0::DOUBLE AS numerator,
  round(y.received / 12)::DOUBLE AS denominator,
  0::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key,
  NULL::VARCHAR AS procedure_code
FROM (SELECT DISTINCT unnest($units) AS unit_id) u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN (
  SELECT unit_id, year(month) AS year, sum(received) AS received
  FROM service_month
  WHERE unit_id IN (SELECT unnest($units)) AND year(month) BETWEEN year($from) - 1 AND year($to) - 1
  GROUP BY unit_id, year(month)
) y ON y.unit_id = u.unit_id AND y.year = year(m.month) - 1
WHERE m.month <= coalesce((SELECT date_trunc('month', data_date) FROM datasets WHERE kind = 'dossiers'),
    (SELECT max(month) FROM service_month))
  AND round(y.received / 12) > 0
  AND NOT EXISTS (
    SELECT 1 FROM service_month s WHERE s.unit_id = u.unit_id AND s.month = m.month AND s.received > 0
  )
