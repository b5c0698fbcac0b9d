-- id: moves_in
-- name_vi: Số người chuyển đến
-- name_en: People moving in
-- unit: persons
-- numerator: people who moved into the unit during the month (age group at the move)
-- denominator: none
-- direction: none
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: sex, age_min, age_max, residence
-- domain: population
SELECT unit_id, month, sum(moves_in)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
  sum(moves_in_key)::BIGINT AS numerator_key, NULL::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
