-- id: dependency_ratio
-- name_vi: Tỷ số phụ thuộc chung
-- name_en: Total dependency ratio
-- unit: ratio_per_100
-- numerator: residents aged 0–14 or 65 and over at month end (5-year groups 0, 5, 10 and 65 to 85+)
-- denominator: residents aged 15–64 at month end (5-year groups 15 to 60)
-- direction: none
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: sex, residence
-- domain: population
-- source: General Statistics Office: (population 0–14 + 65+) ÷ population 15–64 × 100
SELECT unit_id, month,
  coalesce(sum(population) FILTER (WHERE age_group < 15 OR age_group >= 65), 0)::DOUBLE AS numerator,
  (sum(population) FILTER (WHERE age_group BETWEEN 15 AND 60))::DOUBLE AS denominator,
  coalesce(sum(population_key) FILTER (WHERE age_group < 15 OR age_group >= 65), 0)::BIGINT AS numerator_key,
  (sum(population_key) FILTER (WHERE age_group BETWEEN 15 AND 60))::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING sum(population) FILTER (WHERE age_group BETWEEN 15 AND 60) > 0
