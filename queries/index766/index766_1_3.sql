-- id: index766_1_3
-- name_vi: Tỷ lệ thủ tục hành chính được công khai đầy đủ nội dung
-- name_en: Procedures published in full (all seven parts)
-- unit: percent
-- numerator: procedures in the unit's competence (procedures.level = the base unit's units.level) published on the national procedure database by the month's end (published_on on or before its last day) with all seven parts published (all_parts_published true)
-- denominator: procedures in the unit's competence published on the national procedure database by the month's end (published_on on or before its last day) whose all_parts_published is known (not NULL)
-- direction: higher
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: none
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 1.3 (group 1, transparency), as the national public-service portal scores it

-- A procedure whose parts are not reported (all_parts_published NULL) is left out of both parts. One row per procedure.
SELECT u.unit_id, m.month,
  (count(*) FILTER (WHERE p.all_parts_published))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key,
  p.procedure_code
FROM units u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
JOIN procedures p ON p.level = u.level AND p.published_on <= last_day(m.month)
WHERE u.unit_id IN (SELECT unnest($units)) AND p.all_parts_published IS NOT NULL
GROUP BY u.unit_id, m.month, p.procedure_code
