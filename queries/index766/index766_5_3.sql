-- id: index766_5_3
-- name_vi: Tỷ lệ phản ánh, kiến nghị được xử lý hài lòng
-- name_en: Petitions handled to the petitioner's satisfaction
-- unit: percent
-- numerator: petitions (phản ánh, kiến nghị) the unit received during the month that the petitioner did not rate "not satisfied" (disliked false), that were not petitioned again (repeated false) and that are not overdue: handled on or before their deadline, or still open with a deadline on or after the petitions' data date (deadline as in index766_5_2: the last working day on or before received_at's date plus 2 working days when refused, 5 when supplement, 2 when published, else 15)
-- denominator: petitions the unit received during the month (received_at)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 5.3 (group 5, satisfaction), as the national public-service portal scores it

-- The petitions' data date is datasets.data_date of kind 'petitions' (the latest date of the petitions table when a
-- store has none). Grouped by the procedure a petition concerns (NULL when none).
SELECT p.unit_id, p.month,
  (count(*) FILTER (WHERE p.satisfied))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  coalesce(sum(p.k) FILTER (WHERE p.satisfied), 0)::BIGINT AS numerator_key,
  sum(p.k)::BIGINT AS denominator_key,
  p.procedure_code
FROM (
  SELECT p.unit_id, date_trunc('month', p.received_at)::DATE AS month, p.procedure_code, p.k,
    NOT p.disliked AND NOT p.repeated
      AND coalesce(CASE WHEN p.handled_at IS NOT NULL THEN p.handled_at::DATE <= t.day ELSE t.day >= (
        coalesce((SELECT data_date FROM datasets WHERE kind = 'petitions'),
          (SELECT max(coalesce(handled_at, received_at))::DATE FROM petitions))
      ) END, false) AS satisfied
  FROM petitions p
  ASOF LEFT JOIN work_days r ON p.received_at::DATE >= r.day
  -- the deadline in working days by outcome: refused 2, supplement 5, published 2, else (answered, or open) 15
  LEFT JOIN work_days t
    ON t.seq = r.seq + CASE p.outcome WHEN 'refused' THEN 2 WHEN 'supplement' THEN 5 WHEN 'published' THEN 2 ELSE 15 END
  WHERE p.unit_id IN (SELECT unnest($units)) AND p.received_at >= $from AND p.received_at < $to + INTERVAL 1 MONTH
) p
GROUP BY p.unit_id, p.month, p.procedure_code
