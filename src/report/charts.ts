import * as echarts from "echarts";
import type { Bulletin } from "./model.js";

/**
 * The HTML bulletin's charts (REPORT.md "Charts"), rendered here to SVG text by ECharts' server-side
 * renderer: no script and no network at view time. Grey and print: one dark ink, decal patterns on the
 * bars (ECharts aria.decal), values written on the bars, and a caption stating the figure.
 */

export interface Chart {
  id: string;
  caption: string;
  svg: string;
}

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const INK = "#333333";

function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: ["#4d4d4d", "#8c8c8c", "#bfbfbf"],
      textStyle: { fontFamily: FONT, color: INK },
      aria: { enabled: true, decal: { show: true } },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

function bar(
  labels: string[],
  values: number[],
  options: { percent?: boolean; horizontal?: boolean },
): string {
  const category = {
    type: "category",
    data: labels,
    axisLabel: {
      interval: 0,
      color: INK,
      width: options.horizontal ? 185 : 100,
      overflow: "truncate",
      ellipsis: "…",
    },
  };
  const value = {
    type: "value",
    ...(options.percent
      ? { max: 100, axisLabel: { formatter: "{value}%", color: INK } }
      : { minInterval: 1, axisLabel: { color: INK } }),
  };
  const height = options.horizontal ? Math.max(160, 40 + labels.length * 30) : 300;
  return render(
    {
      grid: {
        left: options.horizontal ? 200 : 50,
        right: 50,
        top: 20,
        bottom: options.horizontal ? 30 : 70,
        containLabel: false,
      },
      xAxis: options.horizontal ? value : category,
      yAxis: options.horizontal ? category : value,
      series: [
        {
          type: "bar",
          data: values,
          barMaxWidth: 36,
          label: {
            show: true,
            position: options.horizontal ? "right" : "top",
            color: INK,
            formatter: options.percent ? "{c}%" : "{c}",
          },
        },
      ],
    },
    720,
    height,
  );
}

const pct = (r: number | null) => (r === null ? 0 : Math.round(r * 10000) / 100);

export function bulletinCharts(b: Bulletin): Chart[] {
  const zh = b.lang === "zh";
  const charts: Chart[] = [];
  const rated = (groups: Bulletin["byPlatform"]) => groups.filter((g) => g.scored > 0);

  const platforms = rated(b.byPlatform);
  charts.push({
    id: "pass-rate-platform",
    caption: zh
      ? `图1 各平台合格率：${platforms.map((g) => `${g.label} ${(pct(g.passRate)).toFixed(2)}%（${g.pass}/${g.scored}）`).join("，")}`
      : `Figure 1. Pass rate by platform: ${platforms.map((g) => `${g.label} ${pct(g.passRate).toFixed(2)}% (${g.pass}/${g.scored})`).join(", ")}`,
    svg: bar(
      platforms.map((g) => g.label),
      platforms.map((g) => pct(g.passRate)),
      { percent: true },
    ),
  });
  const categories = rated(b.byCategory);
  charts.push({
    id: "pass-rate-category",
    caption: zh
      ? `图2 各类单位合格率：${categories.map((g) => `${g.label} ${pct(g.passRate).toFixed(2)}%（${g.pass}/${g.scored}）`).join("，")}`
      : `Figure 2. Pass rate by unit category: ${categories.map((g) => `${g.label} ${pct(g.passRate).toFixed(2)}% (${g.pass}/${g.scored})`).join(", ")}`,
    svg: bar(
      categories.map((g) => g.label),
      categories.map((g) => pct(g.passRate)),
      { percent: true },
    ),
  });
  const scored = b.scoreBins.reduce((n, bin) => n + bin.accounts, 0);
  charts.push({
    id: "score-distribution",
    caption: zh
      ? `图3 得分分布（${scored}个有得分的账号，每10分一档）：${b.scoreBins
          .filter((x) => x.accounts > 0)
          .map((x) => `${x.label}分 ${x.accounts}个`)
          .join("，")}`
      : `Figure 3. Score distribution (${scored} scored accounts, bins of 10): ${b.scoreBins
          .filter((x) => x.accounts > 0)
          .map((x) => `${x.label}: ${x.accounts}`)
          .join(", ")}`,
    svg: bar(
      b.scoreBins.map((x) => x.label),
      b.scoreBins.map((x) => x.accounts),
      {},
    ),
  });
  charts.push({
    id: "problems-by-indicator",
    caption: zh
      ? `图4 各指标涉及账号数：${b.problems.map((g) => `${g.indicator} ${g.accounts.length}个`).join("，") || "无"}`
      : `Figure 4. Accounts concerned by indicator: ${b.problems.map((g) => `${g.indicator} ${g.accounts.length}`).join(", ") || "none"}`,
    svg: bar(
      [...b.problems].reverse().map((g) => g.indicator),
      [...b.problems].reverse().map((g) => g.accounts.length),
      { horizontal: true },
    ),
  });
  if (b.heat.length > 0 && b.weeks.length > 0) {
    const data = b.heat.flatMap((row, y) => row.weeklyPosts.map((posts, x) => [x, y, posts]));
    const max = Math.max(1, ...data.map((d) => d[2]!));
    charts.push({
      id: "weekly-heat-map",
      caption: zh
        ? `图5 不合格及单项否决账号逐周发布条数（${b.heat.length}个账号 × ${b.weeks.length}个完整自然周，空白格为当周无更新）`
        : `Figure 5. Posts per week of the failed and vetoed accounts (${b.heat.length} accounts × ${b.weeks.length} complete weeks; a blank cell is a week without a post)`,
      svg: render(
        {
          aria: { enabled: true, decal: { show: false } },
          grid: { left: 200, right: 30, top: 10, bottom: 60 },
          xAxis: {
            type: "category",
            data: b.weeks.map((w) => w.slice(5)),
            axisLabel: { color: INK, rotate: 45 },
            splitArea: { show: true },
          },
          yAxis: {
            type: "category",
            data: b.heat.map((h) => h.label),
            axisLabel: { color: INK },
            splitArea: { show: true },
          },
          visualMap: {
            min: 0,
            max,
            show: false,
            inRange: { color: ["#ffffff", "#666666"] },
          },
          series: [
            {
              type: "heatmap",
              data,
              label: {
                show: true,
                // Black on white outline: legible on the lightest and the darkest cell, in grey too.
                color: "#000000",
                textBorderColor: "#ffffff",
                textBorderWidth: 3,
                formatter: (p: { value: number[] }) => (p.value[2] ? String(p.value[2]) : ""),
              },
              itemStyle: { borderColor: "#999999", borderWidth: 1 },
            },
          ],
        },
        720,
        Math.max(140, 80 + b.heat.length * 32),
      ),
    });
  }
  return charts;
}
