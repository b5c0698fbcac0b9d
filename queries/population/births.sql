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
SELECT unit_id, month, sum(births)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
  sum(births_key)::BIGINT AS numerator_key, NULL::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
