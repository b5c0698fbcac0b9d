-- id: index766_4_2
-- name_vi: Tỷ lệ hồ sơ được số hóa
-- name_en: Dossiers digitised (digitised components and an electronic result)
-- unit: percent
-- numerator: dossiers finished (resolved or rejected: resolved_at set) during the month that have digitised components (components_digitised true) and an electronic result (result_electronic true)
-- denominator: dossiers finished during the month whose digitised components and electronic result are both reported (components_digitised and result_electronic not NULL)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 4.2 (group 4, digitisation), as the national public-service portal scores it

SELECT s.unit_id, s.month,
  sum(s.finished_digitised)::DOUBLE AS numerator,
  sum(s.finished_digitised_known)::DOUBLE AS denominator,
  sum(s.finished_digitised_key)::BIGINT AS numerator_key,
  sum(s.finished_digitised_known_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.finished_digitised_known) > 0
