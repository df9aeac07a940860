#!/usr/bin/env node
// Deterministic, seeded generator of realistic gmaudit inputs at a chosen scale (bench/README in
// docs/performance.md). The same options always give byte-identical files.
//
//   node bench/generate.mjs [--accounts 10000] [--posts 2000000] [--messages 500000]
//                           [--filings 10000] [--findings 200] [--seed 1] [--out DIR]
//
// Without --out the files go to bench/data/<scale>/ (gitignored). Prints the directory.

import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export const DEFAULT_SCALE = Object.freeze({
  accounts: 10_000,
  posts: 2_000_000,
  messages: 500_000,
  filings: 10_000,
  findings: 200,
  seed: 1,
});

/** The last day of the data: the bench audits `--period 2026Q2`, which ends here. */
export const LAST_DAY = "2026-06-30";
/** Days of data ending with LAST_DAY (the issue: timestamps over 180 days). */
export const DAYS = 180;

const FORMAT_VERSION = 3;

export function scaleName(scale) {
  return `a${scale.accounts}-p${scale.posts}-m${scale.messages}-f${scale.filings}-s${scale.seed}`;
}

export function dataDir(scale) {
  return path.join(here, "data", scaleName(scale));
}

// ---------------------------------------------------------------------------------------------------
// A small, fast, seeded PRNG (sfc32) — never Math.random, so every run writes the same bytes.

function rng(seed) {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162 ^ (seed * 131);
  let d = 1;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return {
    float: next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const CITIES = [
  "南京",
  "苏州",
  "无锡",
  "常州",
  "南通",
  "扬州",
  "镇江",
  "泰州",
  "盐城",
  "淮安",
  "宿迁",
  "徐州",
  "连云港",
];
const DISTRICTS = [
  "玄武区",
  "秦淮区",
  "鼓楼区",
  "建邺区",
  "姑苏区",
  "吴中区",
  "昆山市",
  "江阴市",
  "海门区",
  "如东县",
  "宝应县",
  "句容市",
  "兴化市",
  "东台市",
  "涟水县",
  "沭阳县",
  "邳州市",
  "东海县",
];
const DEPARTMENTS = [
  "人民政府",
  "发展和改革委员会",
  "教育局",
  "公安局",
  "民政局",
  "财政局",
  "人力资源和社会保障局",
  "自然资源和规划局",
  "生态环境局",
  "住房和城乡建设局",
  "交通运输局",
  "水务局",
  "农业农村局",
  "商务局",
  "文化广电和旅游局",
  "卫生健康委员会",
  "应急管理局",
  "市场监督管理局",
  "医疗保障局",
  "行政审批局",
  "融媒体中心",
  "税务局",
  "消防救援支队",
  "人民法院",
  "人民检察院",
];
const CATEGORIES = ["县区", "部门", "乡镇街道", "垂直管理", "事业单位"];
const PLATFORMS = [
  ["微信公众号", 40],
  ["新浪微博", 20],
  ["抖音", 15],
  ["今日头条", 8],
  ["快手", 4],
  ["视频号", 6],
  ["哔哩哔哩", 1],
  ["小红书", 1],
  ["移动客户端", 3],
  ["小程序", 2],
];
const TOPICS = [
  "政策解读",
  "便民服务",
  "安全生产",
  "防汛抗旱",
  "招商引资",
  "乡村振兴",
  "文明创建",
  "医保缴费",
  "义务教育",
  "就业创业",
  "营商环境",
  "疫苗接种",
  "垃圾分类",
  "交通出行",
  "社保卡",
  "公积金",
  "养老服务",
  "食品安全",
  "文旅活动",
  "人才引进",
];
const VERBS = ["关于", "做好", "开展", "推进", "加强", "部署", "召开", "发布", "启动", "完成"];
const NOUNS = [
  "工作的通知",
  "专项行动",
  "工作会议",
  "实施方案",
  "温馨提示",
  "重要通知",
  "情况通报",
  "办事指南",
  "公开征求意见",
  "答记者问",
];
const SOURCES = [
  "新华社",
  "人民日报",
  "央视新闻",
  "中国政府网",
  "新华日报",
  "交汇点新闻",
  "学习强国",
  "江苏发布",
  "中国江苏网",
  "澎湃新闻",
];
const SENTENCES = [
  "为进一步提升服务水平，现将有关事项通知如下",
  "请广大市民相互转告",
  "详情请拨打12345政务服务便民热线",
  "本次活动共吸引群众1200余人参与",
  "会议强调，要坚持以人民为中心的发展思想",
  "各地各部门要高度重视，压实责任",
  "办理时间为工作日上午9:00至下午5:00",
  "如有疑问，可在后台留言",
  "下一步，我们将持续跟进落实情况",
  "据统计，今年以来累计办理业务3.2万件",
];
const QUESTIONS = [
  "请问社保卡在哪里补办",
  "小区门口路灯不亮，何时维修",
  "孩子入学需要哪些材料",
  "公积金提取需要多久到账",
  "噪音扰民问题能否处理",
  "营业执照变更去哪个窗口",
  "医保异地备案怎么办理",
  "公交线路能否延长到新区",
];
const REPLIES = [
  "您好，已转相关部门处理",
  "您好，请携带身份证到政务服务中心办理",
  "感谢您的建议，我们将认真研究",
  "您好，具体材料清单见官网公告",
  "您好，已安排工作人员现场核查",
];

// ---------------------------------------------------------------------------------------------------
// CSV writing: a cell is quoted when it holds a comma, a quote or a newline (RFC 4180).

const NEEDS_QUOTES = /[",\n\r]/;

function cell(value) {
  if (value === undefined || value === null) return "";
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

class CsvWriter {
  constructor(file, header) {
    this.file = file;
    this.tmp = `${file}.tmp`;
    this.fd = openSync(this.tmp, "w");
    this.parts = [];
    this.size = 0;
    this.bytes = 0;
    this.rows = 0;
    this.row(header);
    this.rows = 0;
  }

  row(cells) {
    let line = "";
    for (let i = 0; i < cells.length; i++) line += (i === 0 ? "" : ",") + cell(cells[i]);
    line += "\n";
    this.parts.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size > 1 << 20) this.flush();
  }

  flush() {
    if (this.parts.length === 0) return;
    this.bytes += writeSync(this.fd, this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }

  close() {
    this.flush();
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
    return { file: this.file, rows: this.rows, bytes: this.bytes };
  }
}

// ---------------------------------------------------------------------------------------------------
// Time: wall-clock text in Asia/Shanghai (+08:00 all year), generated from day numbers.

const DAY_MS = 86_400_000;

function dayNumberOf(text) {
  return Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / DAY_MS;
}

const pad2 = (n) => (n < 10 ? `0${n}` : String(n));

function dateText(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function dateTimeText(day, secondOfDay) {
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  const s = secondOfDay % 60;
  return `${dateText(day)} ${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

/** Office hours mostly, some evenings: the seconds of a day at which something is posted. */
function secondOfDay(r) {
  const hour = r.chance(0.85) ? 8 + r.int(10) : r.int(24);
  return hour * 3600 + r.int(3600);
}

// ---------------------------------------------------------------------------------------------------

function weightedPicker(r, entries) {
  const total = entries.reduce((n, [, w]) => n + w, 0);
  return () => {
    let x = r.float() * total;
    for (const [value, w] of entries) {
      x -= w;
      if (x < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
}

/** Activity of each account: most post a little, a few post a lot, some not at all (dormant). */
function activityTable(r, accounts) {
  const weights = new Float64Array(accounts);
  for (let i = 0; i < accounts; i++) {
    const kind = r.float();
    weights[i] = kind < 0.04 ? 0 : kind < 0.1 ? 0.05 : kind < 0.85 ? 0.5 + r.float() : 2 + r.float() * 10;
  }
  const cumulative = new Float64Array(accounts);
  let sum = 0;
  for (let i = 0; i < accounts; i++) {
    sum += weights[i];
    cumulative[i] = sum;
  }
  return (x) => {
    const target = x * sum;
    let lo = 0;
    let hi = accounts - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function accountId(i) {
  return `JS${String(320000 + (i % 1000)).padStart(6, "0")}-${String(i).padStart(6, "0")}`;
}

function title(r) {
  let text = `${r.pick(VERBS)}${r.pick(TOPICS)}${r.pick(NOUNS)}`;
  if (r.chance(0.05)) text = `“${text}”`;
  if (r.chance(0.03)) text = `${r.pick(CITIES)}发布："${r.pick(TOPICS)}"最新消息`;
  if (r.chance(0.02)) text = `${text}, ${r.pick(TOPICS)}`;
  return text;
}

/** Most exports carry a short summary when they carry any text at all. */
function content(r) {
  let text = r.pick(SENTENCES);
  if (r.chance(0.2)) text += `, ${r.pick(SENTENCES)}。`;
  if (r.chance(0.04)) text += `\n${r.pick(SENTENCES)}`;
  if (r.chance(0.08)) text += `（来源："${r.pick(SOURCES)}"）`;
  return text;
}

export function generate(scale, dir = dataDir(scale)) {
  mkdirSync(dir, { recursive: true });
  const r = rng(scale.seed);
  const lastDay = dayNumberOf(LAST_DAY);
  const firstDay = lastDay - DAYS + 1;
  const written = [];

  // accounts ----------------------------------------------------------------------------------------
  const platformOf = weightedPicker(r, PLATFORMS);
  const accounts = new CsvWriter(path.join(dir, "accounts.csv"), [
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
    "账号链接",
  ]);
  const unitCount = Math.max(1, Math.round(scale.accounts / 5));
  const openedDays = new Int32Array(scale.accounts);
  for (let i = 0; i < scale.accounts; i++) {
    const unitIndex = r.int(unitCount);
    const unit = `${CITIES[unitIndex % CITIES.length]}${DISTRICTS[unitIndex % DISTRICTS.length]}${DEPARTMENTS[unitIndex % DEPARTMENTS.length]}${unitIndex >= CITIES.length * DISTRICTS.length ? `第${unitIndex}分局` : ""}`;
    const platform = platformOf();
    const status = r.chance(0.03) ? "已关停" : r.chance(0.01) ? "注销" : "正常";
    const openedDay = r.chance(0.02) ? firstDay + r.int(DAYS) : firstDay - 30 - r.int(3000);
    openedDays[i] = openedDay;
    const closedDay = status === "正常" ? undefined : r.chance(0.9) ? openedDay + 30 + r.int(400) : undefined;
    accounts.row([
      accountId(i),
      r.chance(0.02) ? `${unit}, 发布` : `${unit}${platform === "抖音" ? "抖音号" : "发布"}`,
      platform,
      platform === "微信公众号" ? (r.chance(0.2) ? "服务号" : "订阅号") : "",
      unit,
      CATEGORIES[unitIndex % CATEGORIES.length],
      r.chance(0.05) ? "内设机构" : "单位",
      dateText(openedDay),
      status,
      closedDay === undefined ? "" : dateText(closedDay),
      r.chance(0.1) ? "" : r.chance(0.95) ? unit : `${r.pick(CITIES)}某某科技有限公司`,
      r.chance(0.01) ? "否" : "是",
      r.chance(0.3) ? (r.int(900) * 1000 + r.int(1000)).toLocaleString("en-US") : String(r.int(200_000)),
      r.chance(0.8) ? unit : `${r.pick(CITIES)}融媒体中心`,
      r.chance(0.8) ? "自行运营" : r.pick(["下属单位", "新闻媒体", "其他"]),
      `https://mp.example.gov.cn/${accountId(i)}`,
    ]);
  }
  written.push(accounts.close());

  // posts --------------------------------------------------------------------------------------------
  const accountOfPost = activityTable(r, scale.accounts);
  const posts = new CsvWriter(path.join(dir, "posts.csv"), [
    "文章ID",
    "账号ID",
    "发布时间",
    "是否原创",
    "来源",
    "标题",
    "链接",
    "正文",
  ]);
  const recentPosts = new Int32Array(1000);
  const recentAccounts = new Int32Array(1000);
  for (let i = 0; i < scale.posts; i++) {
    let a = accountOfPost(r.float());
    let postId = `P${String(i).padStart(9, "0")}`;
    // 0.1% repeat a recent post of the same account (overlapping exports), 0.1% reuse another
    // account's post id (not a duplicate), 0.1% name an account missing from the registry.
    if (r.chance(0.001) && i > 0) {
      const k = r.int(Math.min(i, recentPosts.length));
      a = recentAccounts[k];
      postId = `P${String(recentPosts[k]).padStart(9, "0")}`;
    } else if (r.chance(0.001)) postId = `P${String(r.int(i)).padStart(9, "0")}`;
    recentPosts[i % recentPosts.length] = i;
    recentAccounts[i % recentAccounts.length] = a;
    const id = r.chance(0.001) ? `JS999999-${String(r.int(50)).padStart(6, "0")}` : accountId(a);
    const original = r.chance(0.45);
    const day = firstDay + r.int(DAYS);
    posts.row([
      postId,
      id,
      dateTimeText(day, secondOfDay(r)),
      original ? "原创" : r.chance(0.9) ? "转载" : "",
      original ? "" : r.chance(0.15) ? "" : r.pick(SOURCES),
      title(r),
      r.chance(0.4) ? `https://mp.weixin.qq.com/s/${postId}` : "",
      r.chance(0.25) ? content(r) : "",
    ]);
  }
  written.push(posts.close());

  // messages -----------------------------------------------------------------------------------------
  const accountOfMessage = activityTable(r, scale.accounts);
  const messages = new CsvWriter(path.join(dir, "messages.csv"), [
    "留言ID",
    "账号ID",
    "留言时间",
    "回复时间",
    "留言类型",
    "留言内容",
    "回复内容",
  ]);
  const categoryOf = weightedPicker(r, [
    ["咨询", 60],
    ["投诉", 20],
    ["建议", 15],
    ["其他", 5],
  ]);
  let previousAccount = 0;
  for (let i = 0; i < scale.messages; i++) {
    const repeat = r.chance(0.001) && i > 0;
    const a = repeat ? previousAccount : accountOfMessage(r.float());
    previousAccount = a;
    const day = firstDay + r.int(DAYS);
    const second = secondOfDay(r);
    const received = day * 86_400 + second;
    // Most replies within a day; some late, some never.
    const replied = r.chance(0.04)
      ? undefined
      : received + (r.chance(0.94) ? 600 + r.int(80_000) : 86_400 + r.int(300_000));
    const repliedDay = replied === undefined ? 0 : Math.floor(replied / 86_400);
    messages.row([
      // 0.1%: the same message exported twice.
      repeat ? `M${String(i - 1).padStart(9, "0")}` : `M${String(i).padStart(9, "0")}`,
      r.chance(0.001) ? `JS999999-${String(r.int(50)).padStart(6, "0")}` : accountId(a),
      dateTimeText(day, second),
      replied === undefined || repliedDay > lastDay ? "" : dateTimeText(repliedDay, replied % 86_400),
      categoryOf(),
      r.chance(0.03) ? `${r.pick(QUESTIONS)}, 谢谢！\n${r.pick(QUESTIONS)}` : `${r.pick(QUESTIONS)}？`,
      replied === undefined || r.chance(0.5) ? "" : r.pick(REPLIES),
    ]);
  }
  written.push(messages.close());

  // filings ------------------------------------------------------------------------------------------
  const filings = new CsvWriter(path.join(dir, "filings.csv"), [
    "账号ID",
    "报备类别",
    "事项日期",
    "报备日期",
    "审批日期",
    "公告日期",
  ]);
  for (let i = 0; i < scale.filings; i++) {
    const a = r.int(scale.accounts);
    const event = r.pick(["开设", "开设", "变更", "变更", "关停", "注销"]);
    const eventDay = event === "开设" ? openedDays[a] : firstDay + r.int(DAYS);
    const filedDay = r.chance(0.1) ? undefined : eventDay + r.int(r.chance(0.8) ? 4 : 20);
    const announced =
      event === "关停" || event === "注销" ? (r.chance(0.7) ? eventDay - r.int(40) : undefined) : undefined;
    filings.row([
      accountId(a),
      event,
      dateText(eventDay),
      filedDay === undefined || filedDay > lastDay ? "" : dateText(filedDay),
      event === "开设" && r.chance(0.7) ? dateText(eventDay - r.int(10)) : "",
      announced === undefined ? "" : dateText(announced),
    ]);
  }
  written.push(filings.close());

  // findings -----------------------------------------------------------------------------------------
  const findings = new CsvWriter(path.join(dir, "findings.csv"), [
    "账号ID",
    "指标",
    "发现日期",
    "次数",
    "说明",
  ]);
  for (let i = 0; i < scale.findings; i++) {
    findings.row([
      accountId(r.int(scale.accounts)),
      r.pick(["serious-error", "出现严重表述错误", "harmful-content"]),
      dateText(firstDay + r.int(DAYS)),
      String(1 + r.int(3)),
      r.chance(0.5) ? "错别字, 见截图" : "",
    ]);
  }
  written.push(findings.close());

  const manifest = {
    version: FORMAT_VERSION,
    scale,
    lastDay: LAST_DAY,
    days: DAYS,
    files: written.map((w) => ({ ...w, file: path.basename(w.file) })),
  };
  const manifestFile = path.join(dir, "manifest.json");
  writeSync(openSync(manifestFile, "w"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The data set for a scale, generated unless a complete one of the same format is there. */
export function ensureData(scale, dir = dataDir(scale), log = () => {}) {
  const manifestFile = path.join(dir, "manifest.json");
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    if (manifest.version === FORMAT_VERSION && JSON.stringify(manifest.scale) === JSON.stringify(scale)) {
      return { dir, manifest, generated: false };
    }
  }
  log(`generating ${scaleName(scale)} in ${path.relative(process.cwd(), dir) || dir} …`);
  const manifest = generate(scale, dir);
  return { dir, manifest, generated: true };
}

export function parseScaleArgs(argv, base = DEFAULT_SCALE) {
  const scale = { ...base };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const key = arg.startsWith("--") ? arg.slice(2) : undefined;
    if (key !== undefined && key in scale) {
      const value = Number(String(argv[++i]).replaceAll("_", ""));
      if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${arg} needs a whole number`);
      scale[key] = value;
    } else rest.push(arg);
  }
  if (scale.accounts < 1) throw new Error("--accounts must be at least 1");
  return { scale, rest };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { scale, rest } = parseScaleArgs(process.argv.slice(2));
  const outAt = rest.indexOf("--out");
  const dir = outAt === -1 ? dataDir(scale) : path.resolve(rest[outAt + 1]);
  const started = performance.now();
  const manifest = generate(scale, dir);
  for (const f of manifest.files)
    console.error(
      `${f.file.padEnd(14)} ${String(f.rows).padStart(10)} rows ${(f.bytes / 1e6).toFixed(1).padStart(8)} MB`,
    );
  console.error(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(dir);
}
