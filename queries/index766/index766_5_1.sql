-- id: index766_5_1
-- name_vi: Tỷ lệ phản ánh, kiến nghị về thủ tục hành chính
-- name_en: Petitions about administrative procedures
-- unit: percent
-- numerator: petitions (phản ánh, kiến nghị) the unit received during the month (received_at) about a procedure (kind procedure)
-- denominator: petitions the unit received during the month, of every kind (procedure or staff)
-- direction: none
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 5.1 (group 5, satisfaction; tracked, not scored)

-- The share of each kind is tracked, neither higher nor lower being better. Grouped by the procedure a petition
-- concerns (NULL when none: the staff petitions among them).
SELECT p.unit_id, date_trunc('month', p.received_at)::DATE AS month,
  (count(*) FILTER (WHERE p.kind = 'procedure'))::DOUBLE AS numerator,
  count(*)::DOUBLE AS denominator,
  coalesce(sum(p.k) FILTER (WHERE p.kind = 'procedure'), 0)::BIGINT AS numerator_key,
  sum(p.k)::BIGINT AS denominator_key,
  p.procedure_code
FROM petitions p
WHERE p.unit_id IN (SELECT unnest($units)) AND p.received_at >= $from AND p.received_at < $to + INTERVAL 1 MONTH
GROUP BY p.unit_id, month, p.procedure_code
