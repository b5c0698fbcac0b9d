-- id: pct_vneid_level2
-- name_vi: Tỷ lệ công dân có tài khoản định danh điện tử VNeID mức 2
-- name_en: Card-age residents with a level-2 VNeID e-identity
-- unit: percent
-- numerator: residents with a VNeID account of level 2 activated by month end
-- denominator: residents aged 14 or more at month end
-- direction: higher
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: sex, age_min, age_max, residence
-- domain: population

-- vneid_level2 and card_age are NULL where not known (an aggregate table without them, docs/data-formats.md):
-- a unit-month with such a cell has no value, rather than the sum of its other cells (a row of NULLs: a district
-- that sums it has no value either).
SELECT unit_id, month,
  (CASE WHEN count(vneid_level2) = count(*) AND count(card_age) = count(*) THEN sum(vneid_level2) END)::DOUBLE
    AS numerator,
  (CASE WHEN count(card_age) = count(*) THEN sum(card_age) END)::DOUBLE AS denominator,
  (CASE WHEN count(vneid_level2) = count(*) AND count(card_age) = count(*) THEN sum(vneid_level2_key) END)::BIGINT
    AS numerator_key,
  (CASE WHEN count(card_age) = count(*) THEN sum(card_age_key) END)::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING count(card_age) < count(*) OR sum(card_age) > 0
