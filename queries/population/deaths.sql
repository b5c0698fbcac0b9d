-- id: deaths
-- name_vi: Số người chết
-- name_en: Deaths
-- unit: persons
-- numerator: residents who died during the month (age group at death)
-- denominator: none
-- direction: none
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: sex, age_min, age_max, residence
-- domain: population

-- deaths is NULL where not known (an aggregate table without it, docs/data-formats.md):
-- a unit-month with such a cell has no value, rather than the sum of its other cells.
SELECT unit_id, month,
  (CASE WHEN count(deaths) = count(*) THEN sum(deaths) END)::DOUBLE AS numerator,
  NULL::DOUBLE AS denominator,
  (CASE WHEN count(deaths) = count(*) THEN sum(deaths_key) END)::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
