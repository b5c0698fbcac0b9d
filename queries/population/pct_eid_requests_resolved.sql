-- id: pct_eid_requests_resolved
-- name_vi: Tỷ lệ yêu cầu tạo lập danh tính điện tử được giải quyết
-- name_en: Citizens' e-identity requests resolved
-- unit: percent
-- numerator: residents who asked for a VNeID e-identity by month end and hold level 2 by then
-- denominator: residents who asked for a VNeID e-identity by month end
-- direction: higher
-- targets: C01
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: sex, age_min, age_max, residence
-- domain: population

-- The numerator is vneid_requested_level2, not vneid_level2: a record may hold level 2 without a request date
-- (an account opened with the chip card), and such holders are outside the denominator. A store made before
-- that count existed has it empty (schema.sql): no value then, rather than a partial sum. So too an aggregate table
-- without these counts (docs/data-formats.md): a row of NULLs, so that a district that sums it has no value either.
SELECT unit_id, month,
  (CASE WHEN count(vneid_requested_level2) = count(*) AND count(vneid_requested) = count(*)
    THEN sum(vneid_requested_level2) END)::DOUBLE AS numerator,
  (CASE WHEN count(vneid_requested) = count(*) THEN sum(vneid_requested) END)::DOUBLE AS denominator,
  (CASE WHEN count(vneid_requested_level2) = count(*) AND count(vneid_requested) = count(*)
    THEN sum(vneid_requested_level2_key) END)::BIGINT AS numerator_key,
  (CASE WHEN count(vneid_requested) = count(*) THEN sum(vneid_requested_key) END)::BIGINT AS denominator_key
FROM pop_month
WHERE unit_id IN (SELECT unnest($units)) AND month BETWEEN $from AND $to
  AND ($sex IS NULL OR sex = $sex) AND ($age_min IS NULL OR age_group >= $age_min)
  AND ($age_max IS NULL OR age_group <= $age_max) AND ($residence IS NULL OR residence = $residence)
GROUP BY unit_id, month
HAVING count(vneid_requested) < count(*) OR sum(vneid_requested) > 0
