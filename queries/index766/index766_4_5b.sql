-- id: index766_4_5b
-- name_vi: Tỷ lệ hồ sơ khai thác dữ liệu dân cư
-- name_en: Dossiers using population data
-- unit: percent
-- numerator: dossiers received during the month authenticated with VNeID (eid_authenticated), with a component taken from the personal data store (from_data_store true) or carrying a population-database code (population_data_reused)
-- denominator: dossiers received during the month, all channels
-- direction: higher
-- targets: none
-- time: sum
-- units: sum
-- scale: 100
-- disclosure: rate
-- filters: none
-- domain: index766
-- source: Decision 766/QĐ-TTg (2022), service index 4.5b (group 4, digitisation), as the national public-service portal scores it

SELECT s.unit_id, s.month,
  sum(s.population_data)::DOUBLE AS numerator,
  sum(s.received)::DOUBLE AS denominator,
  sum(s.population_data_key)::BIGINT AS numerator_key,
  sum(s.received_key)::BIGINT AS denominator_key,
  s.procedure_code
FROM service_month s
WHERE s.unit_id IN (SELECT unnest($units)) AND s.month BETWEEN $from AND $to
GROUP BY s.unit_id, s.month, s.procedure_code
HAVING sum(s.received) > 0
