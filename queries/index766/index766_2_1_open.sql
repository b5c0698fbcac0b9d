-- id: index766_2_1_open
-- name_vi: Tỷ lệ hồ sơ đang giải quyết chưa đến hạn
-- name_en: Dossiers in progress and not yet due
-- unit: percent
-- numerator: dossiers open at the month's end (as_of: the earlier of the month's last moment and the end of the dossiers' data date; received_at on or before as_of, resolved_at NULL or after it, status not withdrawn) whose due_at plus supplement_days (NULL as 0) is after as_of, and with at most one supplement request (supplement_count, NULL as 0)
-- denominator: dossiers open at the month's end (as_of as above: received_at on or before it, resolved_at NULL or after it, status not withdrawn)
-- direction: higher
-- targets: none
-- time: last
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 2.1 (group 2, progress), in-progress part: the index adds these parts to index766_2_1_finished's

SELECT s.unit_id, s.month,
  sum(s.open_not_due_end)::DOUBLE AS numerator,
  sum(s.open_end)::DOUBLE AS denominator,
  sum(s.open_not_due_end_key)::BIGINT AS numerator_key,
  sum(s.open_end_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.open_end) > 0
