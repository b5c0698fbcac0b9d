-- id: count_vneid_accounts
-- name_vi: Số tài khoản định danh điện tử VNeID
-- name_en: VNeID accounts
-- unit: count
-- numerator: residents with a VNeID account of level 1 or 2 activated by month end
-- denominator: none
-- direction: higher
-- targets: C02, C04
-- time: last
-- units: sum
-- scale: 1
-- disclosure: count
-- filters: sex, age_min, age_max, residence
-- domain: population

-- vneid_level1 is NULL where not known (an aggregate table without it, docs/data-formats.md):
-- a unit-month with such a cell has no value, rather than the sum of its other cells.
SELECT unit_id, month,
  (CASE WHEN count(vneid_level1) = count(*) THEN sum(vneid_level1) END)::DOUBLE AS numerator,
  NULL::DOUBLE AS denominator,
  (CASE WHEN count(vneid_level1) = count(*) THEN sum(vneid_level1_key) END)::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
