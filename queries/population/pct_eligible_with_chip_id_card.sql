-- id: pct_eligible_with_chip_id_card
-- name_vi: Tỷ lệ công dân trong độ tuổi được cấp thẻ CCCD gắn chip
-- name_en: Citizens of card age holding a chip ID card
-- unit: percent
-- numerator: residents aged 14 or more at month end whose chip ID card was issued by then
-- denominator: residents aged 14 or more at month end
-- direction: higher
-- targets: D02
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: sex, age_min, age_max, residence
-- domain: population
SELECT unit_id, month,
  sum(with_chip_card)::DOUBLE AS numerator,
  sum(card_age)::DOUBLE AS denominator,
  sum(with_chip_card_key)::BIGINT AS numerator_key,
  sum(card_age_key)::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING sum(card_age) > 0
