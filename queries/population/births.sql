-- id: births
-- name_vi: Số trẻ sinh ra
-- name_en: Births
-- unit: persons
-- numerator: children born during the month and registered as residents of the unit (age group 0; sex and residence type of the child)
-- denominator: none
-- direction: none
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: sex, residence
-- domain: population

-- births is NULL where not known (an aggregate table without it, docs/data-formats.md):
-- a unit-month with such a cell has no value, rather than the sum of its other cells.
SELECT unit_id, month,
  (CASE WHEN count(births) = count(*) THEN sum(births) END)::DOUBLE AS numerator,
  NULL::DOUBLE AS denominator,
  (CASE WHEN count(births) = count(*) THEN sum(births_key) END)::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
