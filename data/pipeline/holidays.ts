// Vietnam's public holidays: the one list of them. The demo generator's working days (generate/calendar.ts) and the
// store's work_days table (office working days, filled when a store is opened: fillWorkDays) are both made from it.
import type { DuckDBConnection } from '@duckdb/node-api';

/** The days work_days covers (working-day deadlines of Decision 766: petitions, procedure announcements). */
export const WORK_DAYS_FROM = '2015-01-01';
export const WORK_DAYS_TO = '2035-12-31';

/**
 * Weekday closures of public offices (New Year, Tết, Hùng Kings, 30/4–1/5, National Day, with the compensating days
 * off), 2021–2026, as announced each year; approximate for the later years. Outside 2021–2026 no holiday is listed:
 * work_days then counts every weekday (a deadline there may come a day or a few early).
 */
export const HOLIDAYS: readonly string[] = [
  '2021-01-01',
  '2021-02-10',
  '2021-02-11',
  '2021-02-12',
  '2021-02-15',
  '2021-02-16',
  '2021-04-21',
  '2021-04-30',
  '2021-05-03',
  '2021-09-02',
  '2021-09-03',
  '2022-01-03',
  '2022-01-31',
  '2022-02-01',
  '2022-02-02',
  '2022-02-03',
  '2022-02-04',
  '2022-04-11',
  '2022-05-02',
  '2022-05-03',
  '2022-09-01',
  '2022-09-02',
  '2023-01-02',
  '2023-01-20',
  '2023-01-23',
  '2023-01-24',
  '2023-01-25',
  '2023-01-26',
  '2023-05-01',
  '2023-05-02',
  '2023-05-03',
  '2023-09-01',
  '2023-09-04',
  '2024-01-01',
  '2024-02-08',
  '2024-02-09',
  '2024-02-12',
  '2024-02-13',
  '2024-02-14',
  '2024-04-18',
  '2024-04-29',
  '2024-04-30',
  '2024-05-01',
  '2024-09-02',
  '2024-09-03',
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
  '2025-09-01',
  '2025-09-02',
  '2026-01-01',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-09-01',
  '2026-09-02',
];
/** Public holidays that fall on a Saturday: the few shops open on Saturday mornings close then too. */
export const SATURDAY_HOLIDAYS: readonly string[] = [
  '2022-01-01',
  '2022-01-29',
  '2022-04-30',
  '2022-09-03',
  '2023-01-21',
  '2023-04-29',
  '2023-09-02',
  '2024-02-10',
  '2024-04-27',
  '2024-08-31',
  '2025-01-25',
  '2025-05-03',
  '2025-08-30',
  '2026-02-14',
  '2026-05-02',
];

/**
 * Fills work_days (schema.sql) when it is empty: Monday to Friday from WORK_DAYS_FROM to WORK_DAYS_TO, except the
 * weekday HOLIDAYS, numbered 1, 2, 3, … in date order. A deadline n working days after a time t is the day whose seq
 * is n more than the largest seq of a day ≤ t::DATE.
 */
export async function fillWorkDays(conn: DuckDBConnection): Promise<void> {
  const holidays = HOLIDAYS.map((d) => `DATE '${d}'`).join(', ');
  await conn.run(`INSERT INTO work_days
    SELECT d::DATE AS day, row_number() OVER (ORDER BY d)::INTEGER AS seq
    FROM range(DATE '${WORK_DAYS_FROM}', DATE '${WORK_DAYS_TO}' + INTERVAL 1 DAY, INTERVAL 1 DAY) t(d)
    WHERE isodow(d) <= 5 AND d::DATE NOT IN (${holidays})
      AND NOT EXISTS (SELECT 1 FROM work_days)
    ORDER BY d`);
}
