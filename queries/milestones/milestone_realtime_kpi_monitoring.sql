-- id: milestone_realtime_kpi_monitoring
-- name_vi: Theo dõi, giám sát, đánh giá chỉ tiêu kết nối, chia sẻ dữ liệu dân cư theo thời gian thực
-- name_en: Population-data KPIs monitored with data in real time
-- unit: count
-- numerator: 1 when the milestone A07 was reached by month end by the unit or by a unit that contains it (milestones table, unit_members), else 0
-- denominator: 1 (the unit itself)
-- direction: higher
-- targets: A07
-- time: last
-- units: max
-- scale: 1
-- disclosure: none
-- filters: none
-- domain: milestones
SELECT u.unit_id, m.month,
  (CASE WHEN EXISTS (
    SELECT 1 FROM milestones ms
    WHERE ms.target_id = 'A07' AND ms.achieved_on <= last_day(m.month)
      AND (ms.unit_id = u.unit_id
        OR EXISTS (SELECT 1 FROM unit_members um WHERE um.group_id = ms.unit_id AND um.member_id = u.unit_id))
  ) THEN 1 ELSE 0 END)::DOUBLE AS numerator,
  1::DOUBLE AS denominator
FROM (SELECT DISTINCT unnest($units) AS unit_id) u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
