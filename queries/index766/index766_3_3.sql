-- id: index766_3_3
-- name_vi: Tỷ lệ hồ sơ trực tuyến
-- name_en: Dossiers submitted online
-- unit: percent
-- numerator: dossiers received online (channel online) during the month; for procedures that issue a paper result (paper_result true), only those that also got an electronic result (result_electronic true)
-- denominator: dossiers received during the month, all channels
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 3.3 (group 3, online service), as the national public-service portal scores it

-- A procedure whose paper_result is not known (or that is not in the catalogue) counts as one without a paper result.
SELECT s.unit_id, s.month,
  sum(CASE WHEN p.paper_result THEN s.received_online_eresult ELSE s.received_online END)::DOUBLE AS numerator,
  sum(s.received)::DOUBLE AS denominator,
  sum(CASE WHEN p.paper_result THEN s.received_online_eresult_key ELSE s.received_online_key END)::BIGINT
    AS numerator_key,
  sum(s.received_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
LEFT JOIN procedures p ON p.procedure_code = s.procedure_code
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.received) > 0
