-- id: pct_citizens_with_personal_id
-- name_vi: Tỷ lệ công dân được cấp số định danh cá nhân
-- name_en: Residents with a personal identification number
-- unit: percent
-- numerator: residents at month end who hold a personal identification number
-- denominator: residents at month end
-- direction: higher
-- targets: D01
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: sex, age_min, age_max, residence
-- domain: population

-- with_personal_id is NULL where not known (an aggregate table without it, docs/data-formats.md):
-- a unit-month with such a cell has no value, rather than the sum of its other cells.
SELECT unit_id, month,
  (CASE WHEN count(with_personal_id) = count(*) THEN sum(with_personal_id) END)::DOUBLE AS numerator,
  sum(population)::DOUBLE AS denominator,
  (CASE WHEN count(with_personal_id) = count(*) THEN sum(with_personal_id_key) END)::BIGINT AS numerator_key,
  sum(population_key)::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING sum(population) > 0
