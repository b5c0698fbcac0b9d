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
SELECT unit_id, month, sum(vneid_level1)::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
  sum(vneid_level1_key)::BIGINT AS numerator_key, NULL::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
