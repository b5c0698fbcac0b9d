-- id: ageing_index
-- name_vi: Chỉ số già hóa
-- name_en: Ageing index
-- unit: ratio_per_100
-- numerator: residents aged 60 and over at month end (5-year groups 60 to 85+)
-- denominator: residents aged under 15 at month end (5-year groups 0, 5, 10)
-- direction: none
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: sex, residence
-- domain: population
-- source: General Statistics Office: population 60+ ÷ population under 15 × 100
SELECT unit_id, month,
  coalesce(sum(population) FILTER (WHERE age_group >= 60), 0)::DOUBLE AS numerator,
  (sum(population) FILTER (WHERE age_group < 15))::DOUBLE AS denominator,
  coalesce(sum(population_key) FILTER (WHERE age_group >= 60), 0)::BIGINT AS numerator_key,
  (sum(population_key) FILTER (WHERE age_group < 15))::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING sum(population) FILTER (WHERE age_group < 15) > 0
