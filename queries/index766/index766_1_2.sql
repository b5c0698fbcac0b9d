-- id: index766_1_2
-- name_vi: Tỷ lệ thủ tục hành chính được công khai đúng hạn trên Cơ sở dữ liệu quốc gia
-- name_en: Procedures published on time on the national procedure database
-- unit: percent
-- numerator: procedures in the unit's competence (procedures.level = the base unit's units.level) whose announcement decision is dated in the month (announced_on) and that were published on the national procedure database (published_on) within 5 working days of it: published_on on or before the day whose work_days.seq is the seq of the last working day on or before announced_on plus 5
-- denominator: procedures in the unit's competence whose announcement decision is dated in the month (announced_on), published or not
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: none
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 1.2 (group 1, transparency), as the national public-service portal scores it

-- A procedure not published yet (published_on NULL) is not on time. One row per procedure (0 or 1 of 1).
SELECT u.unit_id, date_trunc('month', p.announced_on)::DATE AS month,
  (count(*) FILTER (WHERE p.published_on <= t.day))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key,
  p.procedure_code
FROM units u
JOIN procedures p ON p.level = u.level
ASOF LEFT JOIN work_days a ON p.announced_on >= a.day
LEFT JOIN work_days t ON t.seq = a.seq + 5
WHERE u.unit_id IN (SELECT unnest($units))
  AND p.announced_on >= $from AND p.announced_on < $to + INTERVAL 1 MONTH
GROUP BY u.unit_id, month, p.procedure_code
