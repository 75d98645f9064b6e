-- 0002_workday_calendar: the working-day calendar (工作日历) and the State
-- Council's holiday arrangements for 2019–2026 (CONTRACT §7, DESIGN
-- principle 5, domain/statutes.md §4).
--
-- A working day is a Monday–Friday (《国务院关于职工工作时间的规定》第七条:
-- 星期六和星期日为周休息日) that the yearly 国务院办公厅 notice does not make a
-- day off, or a Saturday/Sunday that the notice makes a make-up working day
-- ("X月X日（星期六）上班"). calendar_days holds only those exceptions:
--   holiday = a Monday–Friday that is off, workday = a Saturday/Sunday that is
--   worked; every other date follows the Monday–Friday rule.
-- calendar_years lists the years whose notice is loaded. The engine builds
-- its calendar (engine/calendar.c) from min(year)..max(year) and the rows
-- inside that range, and refuses any date outside it (exit 8, calendar gap):
-- it never guesses a deadline. A year without a row here is not covered even
-- if it has days above.
--
-- Sources (gov.cn originals; each year checked day by day against a repost
-- and the NateScarlet/holiday-cn data set, see statutes.md §4):
--   2019 国务院办公厅关于2019年部分节假日安排的通知 国办发明电〔2018〕15号
--        (2018-12-04), http://www.gov.cn/zhengce/zhengceku/2018-12/06/content_5346276.htm
--        — it also fixes 2018-12-29 (Sat, worked) and 2018-12-31 (Mon, off),
--        which are kept below although 2018 is not a loaded year;
--   2019 国务院办公厅关于调整2019年劳动节假期安排的通知 (2019-03-22; 5月1日至4日
--        放假，4月28日、5月5日（星期日）上班),
--        http://www.gov.cn/zhengce/zhengceku/2019-03/22/content_5375877.htm
--   2020 国办发明电〔2019〕16号 (2019-11-21),
--        http://www.gov.cn/zhengce/zhengceku/2019-11/21/content_5454164.htm
--   2020 国务院办公厅关于延长2020年春节假期的通知 国办发明电〔2020〕1号: 春节假期
--        延长至2月2日，2月3日起正常上班 — 2020-01-31 (Fri) becomes a day off and
--        the make-up working day 2020-02-01 (Sat) is cancelled (no row),
--        http://www.gov.cn/zhengce/zhengceku/2020-01/27/content_5472352.htm
--   2021 国办发明电〔2020〕27号 (2020-11-25),
--        http://www.gov.cn/zhengce/zhengceku/2020-11/25/content_5564127.htm
--   2022 国办发明电〔2021〕11号 (2021-10-25),
--        http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm
--   2023 国办发明电〔2022〕16号 (2022-12-08),
--        http://www.gov.cn/zhengce/zhengceku/2022-12/08/content_5730844.htm
--   2024 国办发明电〔2023〕7号 (2023-10-25),
--        https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm
--        (除夕 2024-02-09 is only "encouraged" as a day off: not a holiday)
--   2025 国办发明电〔2024〕12号 (2024-11-12),
--        https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm
--   2026 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04),
--        https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm
-- Local holidays and one-off local closures are not included.
--
-- The INSERT below was generated from domain/cn_workdays.csv (200 rows: 147
-- holiday, 53 workday), in file order, names kept. To add a year, write a new
-- migration that inserts its rows and its calendar_years row together.

CREATE TABLE calendar_days (
  day  date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name text NOT NULL DEFAULT '',
  -- a holiday is a Monday–Friday, a workday a Saturday/Sunday
  CONSTRAINT calendar_days_kind_weekday
    CHECK ((kind = 'holiday') = (extract(isodow FROM day) < 6))
);

CREATE TABLE calendar_years (
  year      int PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),
  source    text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO calendar_days (day, kind, name) VALUES
  ('2018-12-29', 'workday', '元旦'),
  ('2018-12-31', 'holiday', '元旦'),
  ('2019-01-01', 'holiday', '元旦'),
  ('2019-02-02', 'workday', '春节'),
  ('2019-02-03', 'workday', '春节'),
  ('2019-02-04', 'holiday', '春节'),
  ('2019-02-05', 'holiday', '春节'),
  ('2019-02-06', 'holiday', '春节'),
  ('2019-02-07', 'holiday', '春节'),
  ('2019-02-08', 'holiday', '春节'),
  ('2019-04-05', 'holiday', '清明节'),
  ('2019-04-28', 'workday', '劳动节'),
  ('2019-05-01', 'holiday', '劳动节'),
  ('2019-05-02', 'holiday', '劳动节'),
  ('2019-05-03', 'holiday', '劳动节'),
  ('2019-05-05', 'workday', '劳动节'),
  ('2019-06-07', 'holiday', '端午节'),
  ('2019-09-13', 'holiday', '中秋节'),
  ('2019-09-29', 'workday', '国庆节'),
  ('2019-10-01', 'holiday', '国庆节'),
  ('2019-10-02', 'holiday', '国庆节'),
  ('2019-10-03', 'holiday', '国庆节'),
  ('2019-10-04', 'holiday', '国庆节'),
  ('2019-10-07', 'holiday', '国庆节'),
  ('2019-10-12', 'workday', '国庆节'),
  ('2020-01-01', 'holiday', '元旦'),
  ('2020-01-19', 'workday', '春节'),
  ('2020-01-24', 'holiday', '春节'),
  ('2020-01-27', 'holiday', '春节'),
  ('2020-01-28', 'holiday', '春节'),
  ('2020-01-29', 'holiday', '春节'),
  ('2020-01-30', 'holiday', '春节'),
  ('2020-01-31', 'holiday', '春节'),
  ('2020-04-06', 'holiday', '清明节'),
  ('2020-04-26', 'workday', '劳动节'),
  ('2020-05-01', 'holiday', '劳动节'),
  ('2020-05-04', 'holiday', '劳动节'),
  ('2020-05-05', 'holiday', '劳动节'),
  ('2020-05-09', 'workday', '劳动节'),
  ('2020-06-25', 'holiday', '端午节'),
  ('2020-06-26', 'holiday', '端午节'),
  ('2020-06-28', 'workday', '端午节'),
  ('2020-09-27', 'workday', '国庆节、中秋节'),
  ('2020-10-01', 'holiday', '国庆节、中秋节'),
  ('2020-10-02', 'holiday', '国庆节、中秋节'),
  ('2020-10-05', 'holiday', '国庆节、中秋节'),
  ('2020-10-06', 'holiday', '国庆节、中秋节'),
  ('2020-10-07', 'holiday', '国庆节、中秋节'),
  ('2020-10-08', 'holiday', '国庆节、中秋节'),
  ('2020-10-10', 'workday', '国庆节、中秋节'),
  ('2021-01-01', 'holiday', '元旦'),
  ('2021-02-07', 'workday', '春节'),
  ('2021-02-11', 'holiday', '春节'),
  ('2021-02-12', 'holiday', '春节'),
  ('2021-02-15', 'holiday', '春节'),
  ('2021-02-16', 'holiday', '春节'),
  ('2021-02-17', 'holiday', '春节'),
  ('2021-02-20', 'workday', '春节'),
  ('2021-04-05', 'holiday', '清明节'),
  ('2021-04-25', 'workday', '劳动节'),
  ('2021-05-03', 'holiday', '劳动节'),
  ('2021-05-04', 'holiday', '劳动节'),
  ('2021-05-05', 'holiday', '劳动节'),
  ('2021-05-08', 'workday', '劳动节'),
  ('2021-06-14', 'holiday', '端午节'),
  ('2021-09-18', 'workday', '中秋节'),
  ('2021-09-20', 'holiday', '中秋节'),
  ('2021-09-21', 'holiday', '中秋节'),
  ('2021-09-26', 'workday', '国庆节'),
  ('2021-10-01', 'holiday', '国庆节'),
  ('2021-10-04', 'holiday', '国庆节'),
  ('2021-10-05', 'holiday', '国庆节'),
  ('2021-10-06', 'holiday', '国庆节'),
  ('2021-10-07', 'holiday', '国庆节'),
  ('2021-10-09', 'workday', '国庆节'),
  ('2022-01-03', 'holiday', '元旦'),
  ('2022-01-29', 'workday', '春节'),
  ('2022-01-30', 'workday', '春节'),
  ('2022-01-31', 'holiday', '春节'),
  ('2022-02-01', 'holiday', '春节'),
  ('2022-02-02', 'holiday', '春节'),
  ('2022-02-03', 'holiday', '春节'),
  ('2022-02-04', 'holiday', '春节'),
  ('2022-04-02', 'workday', '清明节'),
  ('2022-04-04', 'holiday', '清明节'),
  ('2022-04-05', 'holiday', '清明节'),
  ('2022-04-24', 'workday', '劳动节'),
  ('2022-05-02', 'holiday', '劳动节'),
  ('2022-05-03', 'holiday', '劳动节'),
  ('2022-05-04', 'holiday', '劳动节'),
  ('2022-05-07', 'workday', '劳动节'),
  ('2022-06-03', 'holiday', '端午节'),
  ('2022-09-12', 'holiday', '中秋节'),
  ('2022-10-03', 'holiday', '国庆节'),
  ('2022-10-04', 'holiday', '国庆节'),
  ('2022-10-05', 'holiday', '国庆节'),
  ('2022-10-06', 'holiday', '国庆节'),
  ('2022-10-07', 'holiday', '国庆节'),
  ('2022-10-08', 'workday', '国庆节'),
  ('2022-10-09', 'workday', '国庆节'),
  ('2023-01-02', 'holiday', '元旦'),
  ('2023-01-23', 'holiday', '春节'),
  ('2023-01-24', 'holiday', '春节'),
  ('2023-01-25', 'holiday', '春节'),
  ('2023-01-26', 'holiday', '春节'),
  ('2023-01-27', 'holiday', '春节'),
  ('2023-01-28', 'workday', '春节'),
  ('2023-01-29', 'workday', '春节'),
  ('2023-04-05', 'holiday', '清明节'),
  ('2023-04-23', 'workday', '劳动节'),
  ('2023-05-01', 'holiday', '劳动节'),
  ('2023-05-02', 'holiday', '劳动节'),
  ('2023-05-03', 'holiday', '劳动节'),
  ('2023-05-06', 'workday', '劳动节'),
  ('2023-06-22', 'holiday', '端午节'),
  ('2023-06-23', 'holiday', '端午节'),
  ('2023-06-25', 'workday', '端午节'),
  ('2023-09-29', 'holiday', '中秋节、国庆节'),
  ('2023-10-02', 'holiday', '中秋节、国庆节'),
  ('2023-10-03', 'holiday', '中秋节、国庆节'),
  ('2023-10-04', 'holiday', '中秋节、国庆节'),
  ('2023-10-05', 'holiday', '中秋节、国庆节'),
  ('2023-10-06', 'holiday', '中秋节、国庆节'),
  ('2023-10-07', 'workday', '中秋节、国庆节'),
  ('2023-10-08', 'workday', '中秋节、国庆节'),
  ('2024-01-01', 'holiday', '元旦'),
  ('2024-02-04', 'workday', '春节'),
  ('2024-02-12', 'holiday', '春节'),
  ('2024-02-13', 'holiday', '春节'),
  ('2024-02-14', 'holiday', '春节'),
  ('2024-02-15', 'holiday', '春节'),
  ('2024-02-16', 'holiday', '春节'),
  ('2024-02-18', 'workday', '春节'),
  ('2024-04-04', 'holiday', '清明节'),
  ('2024-04-05', 'holiday', '清明节'),
  ('2024-04-07', 'workday', '清明节'),
  ('2024-04-28', 'workday', '劳动节'),
  ('2024-05-01', 'holiday', '劳动节'),
  ('2024-05-02', 'holiday', '劳动节'),
  ('2024-05-03', 'holiday', '劳动节'),
  ('2024-05-11', 'workday', '劳动节'),
  ('2024-06-10', 'holiday', '端午节'),
  ('2024-09-14', 'workday', '中秋节'),
  ('2024-09-16', 'holiday', '中秋节'),
  ('2024-09-17', 'holiday', '中秋节'),
  ('2024-09-29', 'workday', '国庆节'),
  ('2024-10-01', 'holiday', '国庆节'),
  ('2024-10-02', 'holiday', '国庆节'),
  ('2024-10-03', 'holiday', '国庆节'),
  ('2024-10-04', 'holiday', '国庆节'),
  ('2024-10-07', 'holiday', '国庆节'),
  ('2024-10-12', 'workday', '国庆节'),
  ('2025-01-01', 'holiday', '元旦'),
  ('2025-01-26', 'workday', '春节'),
  ('2025-01-28', 'holiday', '春节'),
  ('2025-01-29', 'holiday', '春节'),
  ('2025-01-30', 'holiday', '春节'),
  ('2025-01-31', 'holiday', '春节'),
  ('2025-02-03', 'holiday', '春节'),
  ('2025-02-04', 'holiday', '春节'),
  ('2025-02-08', 'workday', '春节'),
  ('2025-04-04', 'holiday', '清明节'),
  ('2025-04-27', 'workday', '劳动节'),
  ('2025-05-01', 'holiday', '劳动节'),
  ('2025-05-02', 'holiday', '劳动节'),
  ('2025-05-05', 'holiday', '劳动节'),
  ('2025-06-02', 'holiday', '端午节'),
  ('2025-09-28', 'workday', '国庆节、中秋节'),
  ('2025-10-01', 'holiday', '国庆节、中秋节'),
  ('2025-10-02', 'holiday', '国庆节、中秋节'),
  ('2025-10-03', 'holiday', '国庆节、中秋节'),
  ('2025-10-06', 'holiday', '国庆节、中秋节'),
  ('2025-10-07', 'holiday', '国庆节、中秋节'),
  ('2025-10-08', 'holiday', '国庆节、中秋节'),
  ('2025-10-11', 'workday', '国庆节、中秋节'),
  ('2026-01-01', 'holiday', '元旦'),
  ('2026-01-02', 'holiday', '元旦'),
  ('2026-01-04', 'workday', '元旦'),
  ('2026-02-14', 'workday', '春节'),
  ('2026-02-16', 'holiday', '春节'),
  ('2026-02-17', 'holiday', '春节'),
  ('2026-02-18', 'holiday', '春节'),
  ('2026-02-19', 'holiday', '春节'),
  ('2026-02-20', 'holiday', '春节'),
  ('2026-02-23', 'holiday', '春节'),
  ('2026-02-28', 'workday', '春节'),
  ('2026-04-06', 'holiday', '清明节'),
  ('2026-05-01', 'holiday', '劳动节'),
  ('2026-05-04', 'holiday', '劳动节'),
  ('2026-05-05', 'holiday', '劳动节'),
  ('2026-05-09', 'workday', '劳动节'),
  ('2026-06-19', 'holiday', '端午节'),
  ('2026-09-20', 'workday', '国庆节'),
  ('2026-09-25', 'holiday', '中秋节'),
  ('2026-10-01', 'holiday', '国庆节'),
  ('2026-10-02', 'holiday', '国庆节'),
  ('2026-10-05', 'holiday', '国庆节'),
  ('2026-10-06', 'holiday', '国庆节'),
  ('2026-10-07', 'holiday', '国庆节'),
  ('2026-10-10', 'workday', '国庆节');

INSERT INTO calendar_years (year, source) VALUES
  (2019, '国务院办公厅节假日安排通知'),
  (2020, '国务院办公厅节假日安排通知'),
  (2021, '国务院办公厅节假日安排通知'),
  (2022, '国务院办公厅节假日安排通知'),
  (2023, '国务院办公厅节假日安排通知'),
  (2024, '国务院办公厅节假日安排通知'),
  (2025, '国务院办公厅节假日安排通知'),
  (2026, '国务院办公厅节假日安排通知');
