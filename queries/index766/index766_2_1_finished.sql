-- id: index766_2_1_finished
-- name_vi: Tỷ lệ hồ sơ đã giải quyết đúng hạn hoặc trước hạn
-- name_en: Finished dossiers handled on time or early
-- unit: percent
-- numerator: dossiers finished (resolved or rejected: resolved_at set) during the month whose resolved_at is on or before due_at plus the calendar days they waited on the applicant for supplements (supplement_days, NULL as 0), and with at most one supplement request (supplement_count, NULL as 0)
-- denominator: dossiers finished (resolved or rejected: resolved_at set) during the month
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 2.1 (group 2, progress), finished part: the index adds index766_2_1_open's parts to these

SELECT s.unit_id, s.month,
  sum(s.finished_on_time)::DOUBLE AS numerator,
  sum(s.finished)::DOUBLE AS denominator,
  sum(s.finished_on_time_key)::BIGINT AS numerator_key,
  sum(s.finished_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.finished) > 0
