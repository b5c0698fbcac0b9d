-- id: pct_vneid_level1
-- name_vi: Tỷ lệ công dân có tài khoản định danh điện tử VNeID (mức 1 trở lên)
-- name_en: Card-age residents with a VNeID e-identity (level 1 or 2)
-- unit: percent
-- numerator: residents with a VNeID account of level 1 or 2 activated by month end
-- denominator: residents aged 14 or more at month end
-- direction: higher
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: sex, age_min, age_max, residence
-- domain: population
SELECT unit_id, month, sum(vneid_level1)::DOUBLE AS numerator, sum(card_age)::DOUBLE AS denominator,
  sum(vneid_level1_key)::BIGINT AS numerator_key, sum(card_age_key)::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING sum(card_age) > 0
