#!/usr/bin/env node
// Writes fixtures/demo/: the README's demo county (清河县, fictional), 2026Q3 data around the
// Mid-Autumn and National Day holidays. Deterministic: the same script always writes the same files.
// Each account's behaviour below is chosen so that every rule fires at least once; the comments say which.
// Run: node scripts/make-demo.mjs
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "demo");

// mulberry32: a tiny seeded PRNG, so the minutes and titles vary but never between runs
let seed = 20260930;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const pad = (n) => String(n).padStart(2, "0");

function* days(from, to) {
  const d = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (d <= end) {
    yield d.toISOString().slice(0, 10);
    d.setUTCDate(d.getUTCDate() + 1);
  }
}
const weekday = (date) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday

function csv(rows) {
  const cell = (v) => {
    const s = v === undefined || v === null ? "" : String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return `${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

const accounts = [
  [
    "账号ID",
    "账号名称",
    "平台",
    "账号类型",
    "主办单位",
    "单位类别",
    "开设主体",
    "开设日期",
    "状态",
    "关停日期",
    "认证信息",
    "互动功能",
    "粉丝数",
    "运营单位",
    "运营主体类型",
  ],
  // exemplary: daily posts, originals, prompt replies
  [
    "QH-001",
    "清河发布",
    "微信公众号",
    "订阅号",
    "清河县人民政府办公室",
    "县政府",
    "单位",
    "2018-03-01",
    "正常",
    "",
    "清河县人民政府办公室",
    "是",
    86000,
    "清河县人民政府办公室",
    "自行运营",
  ],
  // a reply over the Mid-Autumn holiday comes late (reply-deadline)
  [
    "QH-002",
    "清河发布",
    "新浪微博",
    "",
    "清河县人民政府办公室",
    "县政府",
    "单位",
    "2018-03-01",
    "正常",
    "",
    "清河县人民政府办公室",
    "是",
    152000,
    "清河县融媒体中心",
    "新闻媒体",
  ],
  // WeChat service account: few pushes in September (weekly-update, service-account month)
  [
    "QH-003",
    "清河教育",
    "微信公众号",
    "服务号",
    "清河县教育局",
    "部门",
    "单位",
    "2019-05-10",
    "正常",
    "",
    "清河县教育局",
    "是",
    41000,
    "清河县教育局",
    "自行运营",
  ],
  // stopped posting on 2026-09-10 (no-update-2w veto)
  [
    "QH-004",
    "清河教育",
    "抖音",
    "",
    "清河县教育局",
    "部门",
    "单位",
    "2020-08-01",
    "正常",
    "",
    "清河县教育局",
    "是",
    23000,
    "清河县教育局",
    "自行运营",
  ],
  // reposts without a source; no original in the last two weeks (repost-source, original-content)
  [
    "QH-005",
    "清河公安",
    "微博",
    "",
    "清河县公安局",
    "部门",
    "单位",
    "2017-06-01",
    "正常",
    "",
    "清河县公安局",
    "是",
    98000,
    "清河县公安局",
    "自行运营",
  ],
  // three silent weeks in August (weekly-update, capped at 10)
  [
    "QH-006",
    "平安清河",
    "抖音",
    "",
    "清河县公安局",
    "部门",
    "单位",
    "2019-01-15",
    "正常",
    "",
    "清河县公安局",
    "是",
    120000,
    "清河县公安局",
    "自行运营",
  ],
  // a change filed late across the Mid-Autumn weekend (filing-deadline)
  [
    "QH-007",
    "清河卫健",
    "今日头条",
    "",
    "清河县卫生健康委员会",
    "部门",
    "单位",
    "2020-02-01",
    "正常",
    "",
    "清河县卫生健康委员会",
    "是",
    15000,
    "清河县卫生健康委员会",
    "自行运营",
  ],
  // opened in the quarter, never filed (filing-deadline, inferred open)
  [
    "QH-008",
    "清河市场监管",
    "微信公众号",
    "订阅号",
    "清河县市场监督管理局",
    "部门",
    "单位",
    "2026-08-03",
    "正常",
    "",
    "清河县市场监督管理局",
    "是",
    3200,
    "清河县市场监督管理局",
    "自行运营",
  ],
  // closed on 08-31 after a short notice, but still posting (closure-notice, closed-still-active)
  [
    "QH-009",
    "清河文旅",
    "抖音",
    "",
    "清河县文化广电和旅游局",
    "部门",
    "单位",
    "2019-07-01",
    "关停",
    "2026-08-31",
    "清河县文化广电和旅游局",
    "是",
    56000,
    "清河县文化广电和旅游局",
    "自行运营",
  ],
  // an app: update rules do not apply (not evaluated; its veto is judged by hand)
  [
    "QH-010",
    "清河人社",
    "移动客户端",
    "",
    "清河县人力资源和社会保障局",
    "部门",
    "单位",
    "2021-03-01",
    "正常",
    "",
    "清河县人力资源和社会保障局",
    "是",
    8000,
    "清河县人力资源和社会保障局",
    "自行运营",
  ],
  // a consultation from June still unanswered (reply-deadline, carried over)
  [
    "QH-011",
    "清河融媒",
    "今日头条",
    "",
    "清河县融媒体中心",
    "部门",
    "单位",
    "2018-10-01",
    "正常",
    "",
    "清河县融媒体中心",
    "是",
    64000,
    "清河县融媒体中心",
    "自行运营",
  ],
  // cancelled in May, before the quarter: not scored; the cancellation was never filed (filing-deadline)
  [
    "QH-012",
    "清河水利",
    "微博",
    "",
    "清河县水利局",
    "部门",
    "单位",
    "2018-04-01",
    "注销",
    "2026-05-15",
    "清河县水利局",
    "是",
    2100,
    "清河县水利局",
    "自行运营",
  ],
  // last post 09-19: no veto yet, but --warn-within 3 warns that it comes on 10-03
  [
    "QH-013",
    "清河住建",
    "微信公众号",
    "订阅号",
    "清河县住房和城乡建设局",
    "部门",
    "单位",
    "2019-09-01",
    "正常",
    "",
    "清河县住房和城乡建设局",
    "是",
    9700,
    "清河县住房和城乡建设局",
    "自行运营",
  ],
  // steady and clean
  [
    "QH-014",
    "清河交通",
    "抖音",
    "",
    "清河县交通运输局",
    "部门",
    "单位",
    "2020-04-01",
    "正常",
    "",
    "清河县交通运输局",
    "是",
    27000,
    "清河县交通运输局",
    "自行运营",
  ],
  // opened in 2023 in the name of an internal office (internal-opener, 10 points); few followers
  // (weak-account with qinghe.profile.json, minFollowers 3000); its name differs from 清河教育 (name-consistency)
  [
    "QH-015",
    "清河招生",
    "微博",
    "",
    "清河县教育局",
    "部门",
    "内设机构",
    "2023-03-01",
    "正常",
    "",
    "清河县教育局招生办公室",
    "是",
    1800,
    "清河县教育局",
    "自行运营",
  ],
  // certified as a studio, not as the host unit (verified-host-unit, 10 points); run by a hospital
  // with no operator type given (operator-qualification warning)
  [
    "QH-016",
    "清河卫健",
    "抖音",
    "",
    "清河县卫生健康委员会",
    "部门",
    "单位",
    "2021-06-01",
    "正常",
    "",
    "清河健康科普工作室",
    "是",
    12000,
    "清河县人民医院",
    "",
  ],
  // the second and third Douyin accounts of the police bureau, beside QH-006
  // (one-account-per-platform: 3 on one platform, a violation in the unit table)
  [
    "QH-017",
    "清河交警",
    "抖音",
    "",
    "清河县公安局",
    "部门",
    "单位",
    "2021-09-01",
    "正常",
    "",
    "清河县公安局交通警察大队",
    "是",
    35000,
    "清河县公安局",
    "自行运营",
  ],
  // no certification text in the registry (verified-info-missing warning)
  [
    "QH-018",
    "清河反诈",
    "抖音",
    "",
    "清河县公安局",
    "部门",
    "单位",
    "2022-04-01",
    "正常",
    "",
    "",
    "是",
    18000,
    "清河县公安局",
    "自行运营",
  ],
  // a second WeChat account of the county office (one-account-per-platform: 2, a warning);
  // its name differs from 清河发布 (name-consistency)
  [
    "QH-019",
    "清河政务服务",
    "微信公众号",
    "服务号",
    "清河县人民政府办公室",
    "县政府",
    "单位",
    "2020-10-01",
    "正常",
    "",
    "清河县人民政府办公室",
    "是",
    23000,
    "清河县人民政府办公室",
    "自行运营",
  ],
  // no interaction function (no-interaction veto)
  [
    "QH-020",
    "清河医保",
    "微信公众号",
    "订阅号",
    "清河县医疗保障局",
    "部门",
    "单位",
    "2019-11-01",
    "正常",
    "",
    "清河县医疗保障局",
    "否",
    7600,
    "清河县医疗保障局",
    "自行运营",
  ],
  // content operation outsourced to a company (operator-qualification violation)
  [
    "QH-021",
    "清河文旅",
    "小红书",
    "",
    "清河县文化广电和旅游局",
    "部门",
    "单位",
    "2022-05-01",
    "正常",
    "",
    "清河县文化广电和旅游局",
    "是",
    9100,
    "某某文化传媒有限公司",
    "其他",
  ],
  // silent since 2026-06-10: dormant (dormant-account; also the no-update-2w veto and empty weeks)
  [
    "QH-022",
    "清河档案",
    "微博",
    "",
    "清河县档案馆",
    "部门",
    "单位",
    "2020-05-01",
    "正常",
    "",
    "清河县档案馆",
    "是",
    4300,
    "清河县档案馆",
    "自行运营",
  ],
  // closed on 09-15: only the registry says so — no closing row in the filings, so the closure is
  // unfiled (filing-deadline, inferred close) and was never announced (closure-notice)
  [
    "QH-023",
    "清河供销",
    "微信公众号",
    "订阅号",
    "清河县供销合作社",
    "部门",
    "单位",
    "2021-04-01",
    "关停",
    "2026-09-15",
    "清河县供销合作社",
    "是",
    1200,
    "清河县供销合作社",
    "自行运营",
  ],
];

const titles = ["政策解读", "便民提示", "工作动态", "通知公告", "图解", "民生实事", "乡村振兴", "安全提醒"];
const sources = ["人民日报", "新华社", "江苏发布", "中国政府网"];
const posts = [["文章ID", "账号ID", "发布时间", "是否原创", "来源", "标题"]];
let postNo = 0;
function addPost(accountId, date, { original = true, source, hour } = {}) {
  postNo++;
  const h = hour ?? 8 + Math.floor(random() * 10);
  const time = `${date} ${pad(h)}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`;
  const title = `${pick(titles)}｜${accountId}第${postNo}期`;
  posts.push([
    `P${String(postNo).padStart(5, "0")}`,
    accountId,
    time,
    original ? "原创" : "转载",
    original ? "" : (source ?? pick(sources)),
    title,
  ]);
}
/** Posts on the days `every` selects between from and to; every third one a repost with a source. */
function regular(accountId, from, to, every = (d) => weekday(d) !== 0 && weekday(d) !== 6) {
  let n = 0;
  for (const d of days(from, to)) {
    if (!every(d)) continue;
    n++;
    addPost(accountId, d, n % 3 === 0 ? { original: false } : {});
  }
}
const twiceAWeek = (d) => weekday(d) === 2 || weekday(d) === 4;

regular("QH-001", "2026-06-15", "2026-09-30", () => true);
regular("QH-002", "2026-06-15", "2026-09-30");
// QH-003 service account: weekly until August, then only 3 pushes from 09-01 to 09-30
regular("QH-003", "2026-06-15", "2026-08-31", (d) => weekday(d) === 3);
for (const d of ["2026-09-02", "2026-09-16", "2026-09-29"]) addPost("QH-003", d);
regular("QH-004", "2026-06-15", "2026-09-10", twiceAWeek);
// QH-005: originals until 09-13, then reposts only, four of them without a source
regular("QH-005", "2026-06-15", "2026-09-13");
for (const [d, source] of [
  ["2026-09-15", ""],
  ["2026-09-17", "新华社"],
  ["2026-09-21", ""],
  ["2026-09-23", ""],
  ["2026-09-28", ""],
]) {
  addPost("QH-005", d, { original: false, source });
}
// QH-006: nothing from 08-03 to 08-23 (three complete weeks)
regular("QH-006", "2026-06-15", "2026-08-02", twiceAWeek);
regular("QH-006", "2026-08-24", "2026-09-30", twiceAWeek);
regular("QH-007", "2026-06-15", "2026-09-30", twiceAWeek);
regular("QH-008", "2026-08-03", "2026-09-30", twiceAWeek);
// QH-009: regular until its closure on 08-31, then two more posts
regular("QH-009", "2026-06-15", "2026-08-31", twiceAWeek);
addPost("QH-009", "2026-09-05");
addPost("QH-009", "2026-09-12");
regular("QH-011", "2026-06-15", "2026-09-30");
regular("QH-012", "2026-03-01", "2026-05-15", twiceAWeek);
regular("QH-013", "2026-06-15", "2026-09-18", twiceAWeek);
addPost("QH-013", "2026-09-19", { hour: 9 });
regular("QH-014", "2026-06-15", "2026-09-30", twiceAWeek);
// an account missing from the registry (reported as unregistered: unregistered-account)
addPost("QH-099", "2026-09-08");
addPost("QH-099", "2026-09-09");

// messages: mostly answered within hours; the exceptions are deliberate
const messages = [["留言ID", "账号ID", "留言时间", "回复时间", "留言类型", "留言内容"]];
let msgNo = 0;
function addMessage(accountId, received, replied, category = "咨询", text = "请问办理流程和所需材料？") {
  msgNo++;
  messages.push([`M${String(msgNo).padStart(4, "0")}`, accountId, received, replied, category, text]);
}
for (const accountId of ["QH-001", "QH-002", "QH-003", "QH-007", "QH-011", "QH-014"]) {
  for (const d of ["2026-07-08", "2026-07-22", "2026-08-12", "2026-09-09", "2026-09-23"]) {
    addMessage(
      accountId,
      `${d} 09:${pad(Math.floor(random() * 60))}`,
      `${d} 16:${pad(Math.floor(random() * 60))}`,
    );
  }
}
// QH-002: received Friday 09-25 (Mid-Autumn: 48 h) at 10:00, answered 09-27 11:00 → late by an hour
addMessage("QH-002", "2026-09-25 10:00", "2026-09-27 11:00", "咨询", "中秋假期政务服务大厅是否开放？");
// QH-002: received on the make-up working Sunday 09-20 (24 h), answered the next morning → on time
addMessage("QH-002", "2026-09-20 15:30", "2026-09-21 09:10", "咨询", "调休上班日能否办理社保业务？");
// QH-011: from June, still unanswered (carried over as overdue)
addMessage("QH-011", "2026-06-18 20:15", "", "咨询", "老旧小区改造什么时候开始？");
// QH-011: a complaint is not a consultation: not judged by reply-deadline
addMessage("QH-011", "2026-09-10 11:00", "", "投诉", "某路段路灯不亮");
// QH-014: received 09-30 18:00, the deadline falls after T (pending)
addMessage("QH-014", "2026-09-30 18:00", "", "咨询", "国庆期间高速是否免费？");

// The registry-rule accounts post after the messages are drawn, so the earlier data keeps its random draws.
regular("QH-015", "2026-06-15", "2026-09-30", twiceAWeek);
regular("QH-016", "2026-06-15", "2026-09-30", twiceAWeek);
regular("QH-017", "2026-06-15", "2026-09-30", twiceAWeek);
regular("QH-018", "2026-06-15", "2026-09-30", twiceAWeek);
// QH-019 service account: weekly pushes, enough for the month before T
regular("QH-019", "2026-06-15", "2026-09-30", (d) => weekday(d) === 3);
regular("QH-020", "2026-06-15", "2026-09-30", twiceAWeek);
regular("QH-021", "2026-06-15", "2026-09-30", twiceAWeek);
regular("QH-022", "2026-03-01", "2026-06-10", twiceAWeek);
regular("QH-023", "2026-06-15", "2026-09-15", twiceAWeek);

const filings = [["账号ID", "报备类别", "事项日期", "报备日期", "审批日期", "公告日期"]];
const filing = (...row) => filings.push(row);
for (const [id, , , , , , , opened] of accounts.slice(1)) {
  if (id === "QH-008") continue; // opened 2026-08-03 and never filed
  filing(id, "开设", opened, opened, opened, "");
}
// QH-007: a change on Friday 09-18; deadline 09-22 (the make-up Sunday 09-20 counts); filed 09-28 → late
filing("QH-007", "变更", "2026-09-18", "2026-09-28", "", "");
// QH-009: closure on 08-31 announced only on 08-20 (7 working days, fewer than 15)
filing("QH-009", "关停", "2026-08-31", "2026-09-01", "", "2026-08-20");
// QH-012: cancelled 05-15 after a proper notice, but the cancellation was never filed
filing("QH-012", "注销", "2026-05-15", "", "", "2026-04-20");

// manual inspection findings (检查记录): what only an inspector can judge (RULES §3)
const findings = [["账号ID", "指标", "发现日期", "次数", "说明"]];
const finding = (...row) => findings.push(row);
// QH-007 fails (57 < 60): 10 + 10 (5 × 2) + 10 (5 × 2) + 10 + 3 (3 × 1), five capped indicators
finding("QH-007", "发布商业广告", "2026-09-08", 1, "推文底部链接商业广告页面");
finding("QH-007", "内容发布不当", "2026-09-15", 5, "转载娱乐追星类内容");
finding("QH-007", "功能无法使用", "2026-09-15", 5, "“在线预约”菜单无法打开且未对外公告");
finding("QH-007", "过度获取用户信息", "2026-09-22", 1, "预约表单要求上传身份证照片");
finding("QH-007", "留言审看不到位", "2026-09-22", 3, "留言区不当言论未及时处理");
// the app cannot be downloaded: its no-update veto is recorded by hand (app-unusable)
finding("QH-010", "移动客户端（APP）无法下载或使用", "2026-09-25", 1, "应用商店已下架，无法下载安装");
// a manual weekly-update adds to the automatic empty week under one cap (5 + 10 → 10)
finding("QH-013", "内容更新不及时", "2026-09-28", 2, "人工抽查：8月有两周仅重发旧文，视为未更新");
// by id and by name
finding("QH-011", "互动回应失当", "2026-09-18", 1, "回复网民留言语气生硬");
finding("QH-011", "comment-moderation", "2026-09-18", 2, "留言区广告未及时清理");

// weak-account needs a number (003 gives none): a profile file for the demo county
const profile = {
  id: "qinghe",
  name: "清河县（演示）",
  description: "Jiangsu + weak accounts below 3000 followers (demo).",
  extends: "jiangsu",
  rules: { "weak-account": { minFollowers: 3000 } },
};

mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "accounts.csv"), `\ufeff${csv(accounts)}`);
writeFileSync(path.join(out, "posts.csv"), `\ufeff${csv(posts)}`);
writeFileSync(path.join(out, "messages.csv"), `\ufeff${csv(messages)}`);
writeFileSync(path.join(out, "filings.csv"), `\ufeff${csv(filings)}`);
writeFileSync(path.join(out, "findings.csv"), `\ufeff${csv(findings)}`);
writeFileSync(path.join(out, "qinghe.profile.json"), `${JSON.stringify(profile, null, 2)}\n`);
console.log(
  `wrote ${out}: ${accounts.length - 1} accounts, ${posts.length - 1} posts, ${messages.length - 1} messages, ${filings.length - 1} filings, ${findings.length - 1} findings`,
);
