-- id: index766_1_1
-- name_vi: Tỷ lệ thủ tục hành chính được công bố đúng hạn
-- name_en: Procedures announced on time
-- unit: percent
-- numerator: procedures in the unit's competence (procedures.level = the base unit's units.level) whose announcement decision is dated in the month (announced_on) with a known legal_effective_on, and announced_on is on or before the working day 5 before legal_effective_on (work_days: the day whose seq is the seq of the last working day on or before legal_effective_on minus 5)
-- denominator: procedures in the unit's competence whose announcement decision is dated in the month (announced_on) and whose legal_effective_on is known
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: none
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 1.1 (group 1, transparency), as the national public-service portal scores it

-- A procedure whose legal basis has no known effective date cannot be judged: it is left out of both parts (no data
-- rather than a late announcement). One row per procedure (0 or 1 of 1), so that the breakdown shows which were late.
SELECT u.unit_id, date_trunc('month', p.announced_on)::DATE AS month,
  (count(*) FILTER (WHERE p.announced_on <= t.day))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key,
  p.procedure_code
FROM units u
JOIN procedures p ON p.level = u.level
ASOF LEFT JOIN work_days e ON p.legal_effective_on >= e.day
LEFT JOIN work_days t ON t.seq = e.seq - 5
WHERE u.unit_id IN (SELECT unnest($units))
  AND p.announced_on >= $from AND p.announced_on < $to + INTERVAL 1 MONTH
  AND p.legal_effective_on IS NOT NULL
GROUP BY u.unit_id, month, p.procedure_code
