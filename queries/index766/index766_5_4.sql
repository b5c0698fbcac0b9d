-- id: index766_5_4
-- name_vi: Mức độ hài lòng trong giải quyết hồ sơ
-- name_en: Satisfaction with dossier handling
-- unit: percent
-- numerator: dossiers finished (resolved or rejected: resolved_at set) during the month on time (as index766_2_1_finished: resolved_at on or before due_at plus supplement_days, at most one supplement request), minus the dossiers finished during the month that have a petition (petitions.dossier_id) or a "dislike" (satisfaction 1 or 2), late or not
-- denominator: dossiers finished (resolved or rejected: resolved_at set) during the month
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 5.4 (group 5, satisfaction): 100 % − (overdue rate + rate of dossiers with a petition or a dislike)

-- A difference of two counts of different dossiers: numerator_key is the key of numerator + numerator_minus (the
-- dossiers finished on time), numerator_minus and its key those with a petition or a dislike (docs/indicators.md).
-- The numerator may be negative (a late dossier with a petition is subtracted twice, as the portal does).
SELECT s.unit_id, s.month,
  (sum(s.finished_on_time) - sum(s.finished_complained))::DOUBLE AS numerator,
  sum(s.finished)::DOUBLE AS denominator,
  sum(s.finished_on_time_key)::BIGINT AS numerator_key,
  sum(s.finished_key)::BIGINT AS denominator_key,
  sum(s.finished_complained)::DOUBLE AS numerator_minus,
  sum(s.finished_complained_key)::BIGINT AS numerator_minus_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.finished) > 0
