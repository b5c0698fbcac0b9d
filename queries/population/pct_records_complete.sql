-- id: pct_records_complete
-- name_vi: Tỷ lệ bản ghi dân cư đủ trường thông tin bắt buộc
-- name_en: Population records with every mandatory field
-- unit: percent
-- numerator: residents at month end whose record misses no mandatory field (residents minus incomplete records)
-- denominator: residents at month end
-- direction: higher
-- targets: D03
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: sex, age_min, age_max, residence
-- domain: population
-- source: Decision 06/QĐ-TTg: population data “đúng, đủ, sạch, sống” (the “đủ” part)

-- incomplete_records is NULL where not known (an aggregate table without it, docs/data-formats.md):
-- a unit-month with such a cell has no value, rather than the sum of its other cells.
SELECT unit_id, month,
  (CASE WHEN count(incomplete_records) = count(*) THEN sum(population) - sum(incomplete_records) END)::DOUBLE
    AS numerator,
  sum(population)::DOUBLE AS denominator,
  (CASE WHEN count(incomplete_records) = count(*) THEN sum(population_key) - sum(incomplete_records_key) END)::BIGINT
    AS numerator_key,
  sum(population_key)::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING sum(population) > 0
