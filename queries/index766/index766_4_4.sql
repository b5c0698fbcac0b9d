-- id: index766_4_4
-- name_vi: Tỷ lệ hồ sơ khai thác, chia sẻ dữ liệu với Kho quản lý dữ liệu điện tử của cá nhân
-- name_en: Dossiers using or feeding the personal data store
-- unit: percent
-- numerator: dossiers received during the month with a component taken from the personal data store (from_data_store true) or whose result was synced to it (result_to_data_store true)
-- denominator: dossiers received during the month whose use of the personal data store is reported (from_data_store not NULL)
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 4.4 (group 4, digitisation), as the national public-service portal scores it

SELECT s.unit_id, s.month,
  sum(s.shared)::DOUBLE AS numerator,
  sum(s.shared_known)::DOUBLE AS denominator,
  sum(s.shared_key)::BIGINT AS numerator_key,
  sum(s.shared_known_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.shared_known) > 0
