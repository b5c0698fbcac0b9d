-- id: population_density
-- name_vi: Mật độ dân số
-- name_en: Population density
-- unit: persons_per_km2
-- numerator: residents of the unit (permanent and temporary residence) at month end
-- denominator: land area of the base unit in km² (units.area_km2); base units without an area are left out
-- direction: none
-- targets: none
-- time: last
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: sex, age_min, age_max, residence
-- domain: population
-- source: General Statistics Office: population density = population ÷ area
SELECT p.unit_id, p.month, p.residents AS numerator, u.area_km2::DOUBLE AS denominator,
  p.residents_key AS numerator_key, NULL::BIGINT AS denominator_key
FROM (
  SELECT unit_id, month, sum(population)::DOUBLE AS residents, sum(population_key)::BIGINT AS residents_key
  FROM pop_month
  WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
    AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
    AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
  GROUP BY unit_id, month
) p
JOIN units u ON u.unit_id = p.unit_id
WHERE u.area_km2 > 0
