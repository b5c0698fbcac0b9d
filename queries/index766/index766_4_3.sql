-- id: index766_4_3
-- name_vi: Tỷ lệ hồ sơ tái sử dụng dữ liệu đã số hóa
-- name_en: Dossiers reusing digitised data
-- unit: percent
-- numerator: dossiers received during the month with at least one component taken from already digitised data (reused_digitised true)
-- denominator: dossiers received during the month whose reuse of digitised data is reported (reused_digitised not NULL)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 4.3 (group 4, digitisation), as the national public-service portal scores it

SELECT s.unit_id, s.month,
  sum(s.reused)::DOUBLE AS numerator,
  sum(s.reused_known)::DOUBLE AS denominator,
  sum(s.reused_key)::BIGINT AS numerator_key,
  sum(s.reused_known_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.reused_known) > 0
