-- id: index766_2_2
-- name_vi: Thời gian giải quyết hồ sơ trung bình (không tính thời gian chờ bổ sung)
-- name_en: Average resolution time (time waiting for supplements excluded)
-- unit: days
-- numerator: days from receipt to the end of processing (resolved_at − received_at, in days) minus the calendar days waiting on the applicant for supplements (supplement_days, NULL as 0), summed over the dossiers finished (resolved or rejected) during the month
-- denominator: dossiers finished (resolved or rejected: resolved_at set) during the month
-- direction: lower
-- targets: none
-- time: sum
-- units: sum
-- scale: 1
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 2.2 (group 2, progress; shown, not scored)

-- A sum of days counts no dossiers: no cell key (docs/indicators.md).
SELECT s.unit_id, s.month,
  sum(s.resolution_days_sum)::DOUBLE AS numerator,
  sum(s.finished)::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  sum(s.finished_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.finished) > 0
