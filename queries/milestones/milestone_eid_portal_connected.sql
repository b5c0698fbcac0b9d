-- id: milestone_eid_portal_connected
-- name_vi: Kết nối hệ thống định danh và xác thực điện tử của Bộ Công an với Cổng Dịch vụ công quốc gia
-- name_en: E-identity system connected to the National Public Service Portal
-- unit: count
-- numerator: 1 when the milestone A02 was reached by month end by the unit or by a unit that contains it (milestones table, unit_members), else 0
-- denominator: 1 (the unit itself)
-- direction: higher
-- targets: A02
-- time: last
-- units: max
-- scale: 1
-- disclosure: none
-- filters: none
-- domain: milestones
WITH reached AS (
  -- the first day the milestone held for each base unit: reached by the unit itself or by a unit containing it
  SELECT um.member_id AS unit_id, min(ms.achieved_on) AS achieved_on
  FROM milestones ms JOIN unit_members um ON um.group_id = ms.unit_id
  WHERE ms.target_id = 'A02'
  GROUP BY um.member_id
)
SELECT u.unit_id, m.month,
  (CASE WHEN r.achieved_on <= last_day(m.month) THEN 1 ELSE 0 END)::DOUBLE AS numerator,
  1::DOUBLE AS denominator,
  NULL::BIGINT AS numerator_key,
  NULL::BIGINT AS denominator_key
FROM (SELECT DISTINCT unnest($units) AS unit_id) u
CROSS JOIN (SELECT g.month::DATE AS month FROM generate_series($from, $to, INTERVAL 1 MONTH) AS g(month)) m
LEFT JOIN reached r ON r.unit_id = u.unit_id
