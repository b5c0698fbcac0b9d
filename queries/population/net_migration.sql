-- id: net_migration
-- name_vi: Di cư thuần (chuyển đến trừ chuyển đi)
-- name_en: Net migration (moves in minus moves out)
-- unit: persons
-- numerator: people who moved into the unit during the month minus residents who moved out (negative when more left)
-- denominator: none
-- direction: none
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: sex, age_min, age_max, residence
-- domain: population

-- moves_in and moves_out are NULL where not known (an aggregate table without them, docs/data-formats.md):
-- a unit-month with such a cell has no value, rather than the sum of its other cells.
SELECT unit_id, month,
  (CASE WHEN count(moves_in) = count(*) AND count(moves_out) = count(*) THEN sum(moves_in) - sum(moves_out) END)::DOUBLE
    AS numerator,
  NULL::DOUBLE AS denominator,
  -- a difference of two counts: numerator_key is the key of moves in (numerator + numerator_minus), then moves out
  (CASE WHEN count(moves_in) = count(*) AND count(moves_out) = count(*) THEN sum(moves_in_key) END)::BIGINT
    AS numerator_key,
  NULL::BIGINT AS denominator_key,
  (CASE WHEN count(moves_in) = count(*) AND count(moves_out) = count(*) THEN sum(moves_out) END)::DOUBLE
    AS numerator_minus,
  (CASE WHEN count(moves_in) = count(*) AND count(moves_out) = count(*) THEN sum(moves_out_key) END)::BIGINT
    AS numerator_minus_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
