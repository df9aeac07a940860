#!/usr/bin/env node
// The user's alternative to gmaudit: load the exports into DuckDB and compute the core metrics of
// RULES.md in SQL. Run by bench/run.mjs as a child process (so its wall time and peak RSS are measured
// like gmaudit's):
//
//   node bench/duckdb.mjs DIR FROM_DAY AS_OF_DAY OUT_FILE
//
// FROM_DAY / AS_OF_DAY are `YYYY-MM-DD` (the window is FROM 00:00 … AS_OF 23:59:59.999, wall-clock
// time in Asia/Shanghai, which has no DST: naive timestamps compare correctly). The metrics per
// registered account: last post at or before T, the 2-week veto, posts / originals in W, reposts
// without a source, empty complete weeks in the active span, posts in the month before T (WeChat
// service accounts), reply outcomes (24 h / 48 h on rest days of the holiday calendar, carry-over of
// older overdue messages), filing outcomes (N working days after the event). It does not drop
// duplicate post ids and skips row validation: it is the lower bound a user would write, not a
// re-implementation of gmaudit.

import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const DAY_MS = 86_400_000;

async function loadDuckdb() {
  try {
    return await import("@duckdb/node-api");
  } catch {
    return undefined;
  }
}

export async function duckdbAvailable() {
  return (await loadDuckdb()) !== undefined;
}

const dayNumber = (text) =>
  Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / DAY_MS;
const dateText = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Rows (day, rest, workdays through that day) from gmaudit's own built-in holiday calendar. */
async function calendarRows(firstDay, lastDay) {
  const { WorkCalendar } = await import(
    pathToFileURL(path.join(here, "..", "dist", "time", "calendar.js")).href
  );
  const calendar = WorkCalendar.builtIn({ strict: false });
  const rows = [];
  let workdays = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const rest = calendar.isRestDay(day);
    if (!rest) workdays++;
    rows.push(`('${dateText(day)}'::DATE, ${rest}, ${workdays})`);
  }
  return rows.join(",");
}

const TS = "'%Y-%m-%d %H:%M:%S'";

export function metricsSql(dir, fromText, asOfText, outFile, calendarValues) {
  const file = (name) => `'${path.join(dir, name).replaceAll("'", "''")}'`;
  const F = `TIMESTAMP '${fromText} 00:00:00'`;
  const T = `TIMESTAMP '${asOfText} 23:59:59.999'`;
  return `
SET threads TO 2;
CREATE TEMP TABLE cal(day DATE, rest BOOLEAN, wd INTEGER);
INSERT INTO cal VALUES ${calendarValues};

CREATE TEMP TABLE accounts AS
SELECT "账号ID" AS id, "平台" AS platform, "账号类型" AS account_type, "状态" AS status,
       TRY_CAST("开设日期" AS DATE) AS opened, TRY_CAST("关停日期" AS DATE) AS closed
FROM read_csv(${file("accounts.csv")}, header = true, all_varchar = true);

CREATE TEMP TABLE posts AS
SELECT "账号ID" AS id, strptime("发布时间", ${TS}) AS t,
       coalesce("是否原创" IN ('原创', '是', '1', 'true'), false) AS original,
       coalesce(trim("来源"), '') = '' AS no_source
FROM read_csv(${file("posts.csv")}, header = true, all_varchar = true);

CREATE TEMP TABLE post_facts AS
SELECT id,
       max(t) FILTER (WHERE t <= ${T}) AS last_post,
       count(*) FILTER (WHERE t BETWEEN ${F} AND ${T}) AS posts,
       count(*) FILTER (WHERE t BETWEEN ${F} AND ${T} AND original) AS originals,
       count(*) FILTER (WHERE t BETWEEN ${F} AND ${T} AND NOT original AND no_source) AS reposts_without_source,
       count(*) FILTER (WHERE t > ${T} - INTERVAL 1 MONTH AND t <= ${T}) AS month_posts
FROM posts GROUP BY id;

CREATE TEMP TABLE weeks AS
SELECT w::DATE AS monday FROM generate_series(date_trunc('week', ${F} + INTERVAL 6 DAY), ${T} - INTERVAL 7 DAY, INTERVAL 7 DAY) s(w)
WHERE w >= ${F} AND w + INTERVAL 7 DAY <= ${T} + INTERVAL 1 MILLISECOND;

CREATE TEMP TABLE week_posts AS
SELECT id, date_trunc('week', t)::DATE AS monday, count(*) AS n
FROM posts WHERE t BETWEEN ${F} AND ${T} GROUP BY ALL;

CREATE TEMP TABLE empty_weeks AS
SELECT a.id, count(*) FILTER (WHERE wp.n IS NULL) AS empty_weeks
FROM accounts a CROSS JOIN weeks w
LEFT JOIN week_posts wp ON wp.id = a.id AND wp.monday = w.monday
WHERE a.platform NOT IN ('移动客户端', '小程序')
  AND (a.opened IS NULL OR a.opened <= w.monday)
  AND (a.status IN ('正常', '') OR a.status IS NULL OR a.closed IS NULL OR a.closed >= w.monday + 6)
GROUP BY a.id;

CREATE TEMP TABLE messages AS
SELECT "账号ID" AS id, strptime("留言时间", ${TS}) AS received,
       strptime(nullif("回复时间", ''), ${TS}) AS replied,
       coalesce(nullif("留言类型", ''), '咨询') AS category
FROM read_csv(${file("messages.csv")}, header = true, all_varchar = true);

CREATE TEMP TABLE reply_facts AS
WITH judged AS (
  SELECT m.id, m.received,
         m.received + CASE WHEN c.rest THEN INTERVAL 48 HOUR ELSE INTERVAL 24 HOUR END AS deadline,
         CASE WHEN m.replied <= ${T} THEN m.replied END AS replied
  FROM messages m JOIN cal c ON c.day = m.received::DATE
  WHERE m.category IN ('咨询', '政策咨询', 'consultation') AND m.received <= ${T}
), states AS (
  SELECT id, received,
         CASE WHEN replied IS NOT NULL THEN (CASE WHEN replied <= deadline THEN 'on-time' ELSE 'late' END)
              WHEN deadline < ${T} THEN 'overdue' ELSE 'pending' END AS state
  FROM judged
)
SELECT id, count(*) AS due,
       count(*) FILTER (WHERE state = 'on-time') AS on_time,
       count(*) FILTER (WHERE state = 'late') AS late,
       count(*) FILTER (WHERE state = 'overdue') AS overdue,
       count(*) FILTER (WHERE state = 'pending') AS pending
FROM states WHERE received >= ${F} OR state = 'overdue' GROUP BY id;

CREATE TEMP TABLE filing_facts AS
WITH f AS (
  SELECT "账号ID" AS id, TRY_CAST("事项日期" AS DATE) AS event_day,
         CASE WHEN TRY_CAST("报备日期" AS DATE) <= ${T}::DATE THEN TRY_CAST("报备日期" AS DATE) END AS filed
  FROM read_csv(${file("filings.csv")}, header = true, all_varchar = true)
), d AS (
  SELECT f.*, dl.day AS deadline
  FROM f JOIN cal e ON e.day = f.event_day
  JOIN cal dl ON dl.wd = e.wd + 3 AND NOT dl.rest
  WHERE f.event_day <= ${T}::DATE
)
SELECT id,
       count(*) FILTER (WHERE filed > deadline) AS late,
       count(*) FILTER (WHERE filed IS NULL AND deadline < ${T}::DATE) AS missing
FROM d WHERE event_day >= ${F}::DATE OR filed IS NULL GROUP BY id;

COPY (
  SELECT a.id, p.last_post,
         p.last_post IS NULL OR p.last_post < ${T} - INTERVAL 14 DAY AS veto_2w,
         coalesce(p.posts, 0) AS posts, coalesce(p.originals, 0) AS originals,
         coalesce(p.reposts_without_source, 0) AS reposts_without_source,
         CASE WHEN a.platform IN ('移动客户端', '小程序') THEN NULL ELSE coalesce(e.empty_weeks, 0) END AS empty_weeks,
         coalesce(p.month_posts, 0) AS month_posts,
         coalesce(r.due, 0) AS replies_due, coalesce(r.on_time, 0) AS replies_on_time,
         coalesce(r.late, 0) AS replies_late, coalesce(r.overdue, 0) AS replies_overdue,
         coalesce(r.pending, 0) AS replies_pending,
         coalesce(fi.late, 0) + coalesce(fi.missing, 0) AS filings_late
  FROM accounts a
  LEFT JOIN post_facts p USING (id) LEFT JOIN empty_weeks e USING (id)
  LEFT JOIN reply_facts r USING (id) LEFT JOIN filing_facts fi USING (id)
  ORDER BY a.id
) TO '${outFile.replaceAll("'", "''")}' (FORMAT csv, HEADER);
`;
}

export async function runDuckdbMetrics(dir, fromText, asOfText, outFile) {
  const duckdb = await loadDuckdb();
  if (duckdb === undefined) throw new Error("@duckdb/node-api is not installed");
  // The calendar reaches back far enough for old filings and forward past T for deadlines.
  const calendarValues = await calendarRows(dayNumber("2000-01-01"), dayNumber(asOfText) + 120);
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(metricsSql(dir, fromText, asOfText, outFile, calendarValues));
  connection.closeSync?.();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [dir, fromText, asOfText, outFile] = process.argv.slice(2);
  if (!dir || !fromText || !asOfText || !outFile) {
    console.error("usage: node bench/duckdb.mjs DIR FROM_DAY AS_OF_DAY OUT_FILE");
    process.exit(2);
  }
  await runDuckdbMetrics(path.resolve(dir), fromText, asOfText, path.resolve(outFile));
}
