-- id: sex_ratio
-- name_vi: Tỷ số giới tính
-- name_en: Sex ratio
-- unit: ratio_per_100
-- numerator: male residents at month end
-- denominator: female residents at month end
-- direction: none
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: age_min, age_max, residence
-- domain: population
-- source: General Statistics Office: males per 100 females
SELECT unit_id, month,
  coalesce(sum(population) FILTER (WHERE sex = 'M'), 0)::DOUBLE AS numerator,
  (sum(population) FILTER (WHERE sex = 'F'))::DOUBLE AS denominator,
  coalesce(sum(population_key) FILTER (WHERE sex = 'M'), 0)::BIGINT AS numerator_key,
  (sum(population_key) FILTER (WHERE sex = 'F'))::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($age_min IS NULL OR age_group >= $age_min) AND ($age_max IS NULL OR age_group <= $age_max)
  AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING sum(population) FILTER (WHERE sex = 'F') > 0
