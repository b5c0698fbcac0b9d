-- id: index766_4_1
-- name_vi: Tỷ lệ hồ sơ được cấp kết quả điện tử
-- name_en: Dossiers with an electronic result issued
-- unit: percent
-- numerator: dossiers of procedures that issue a paper result (paper_result true) finished (resolved or rejected: resolved_at set) during the month with an electronic result (result_electronic true)
-- denominator: dossiers of procedures that issue a paper result (paper_result true) finished during the month whose electronic result is reported (result_electronic not NULL)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 4.1 (group 4, digitisation), as the national public-service portal scores it

SELECT s.unit_id, s.month,
  sum(s.finished_eresult)::DOUBLE AS numerator,
  sum(s.finished_eresult_known)::DOUBLE AS denominator,
  sum(s.finished_eresult_key)::BIGINT AS numerator_key,
  sum(s.finished_eresult_known_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
JOIN procedures p ON p.procedure_code = s.procedure_code
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to AND p.paper_result
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.finished_eresult_known) > 0
