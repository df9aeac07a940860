import type { AccountFacts } from "./facts.js";

/**
 * The per-account post counters of PostFacts as columns (struct of arrays), index = registry order.
 * `copyInto` writes them back into each account's PostFacts (week and day arrays as views).
 */
export class PostColumns {
  readonly lastPostAt: Float64Array;
  readonly monthSpanPosts: Int32Array;
  /** Days of the month span with a post, as a bit mask (bit i = the span's i-th day). */
  readonly monthSpanDays: Int32Array;
  readonly closedDay: Float64Array;
  readonly afterClosed: Int32Array;
  readonly afterClosedLastAt: Float64Array;
  readonly inWindow: Int32Array;
  readonly originalsInWindow: Int32Array;
  readonly weekPosts: Uint32Array;
  readonly weekOriginals: Uint32Array;
  readonly dayFirst: Float64Array;
  readonly dayLast: Float64Array;

  constructor(
    readonly capacity: number,
    private readonly weekCount: number,
    private readonly windowDays: number,
    registry: readonly AccountFacts[],
    previous: PostColumns | undefined,
  ) {
    this.lastPostAt = new Float64Array(capacity).fill(Number.NaN);
    this.monthSpanPosts = new Int32Array(capacity);
    this.monthSpanDays = new Int32Array(capacity);
    // Posts on a day after closed_at; +∞ for an account without one.
    this.closedDay = new Float64Array(capacity).fill(Number.POSITIVE_INFINITY);
    this.afterClosed = new Int32Array(capacity);
    this.afterClosedLastAt = new Float64Array(capacity).fill(Number.NaN);
    this.inWindow = new Int32Array(capacity);
    this.originalsInWindow = new Int32Array(capacity);
    this.weekPosts = new Uint32Array(capacity * weekCount);
    this.weekOriginals = new Uint32Array(capacity * weekCount);
    this.dayFirst = new Float64Array(capacity * windowDays).fill(Number.NaN);
    this.dayLast = new Float64Array(capacity * windowDays).fill(Number.NaN);
    if (previous !== undefined) {
      this.lastPostAt.set(previous.lastPostAt);
      this.monthSpanPosts.set(previous.monthSpanPosts);
      this.monthSpanDays.set(previous.monthSpanDays);
      this.afterClosed.set(previous.afterClosed);
      this.afterClosedLastAt.set(previous.afterClosedLastAt);
      this.inWindow.set(previous.inWindow);
      this.originalsInWindow.set(previous.originalsInWindow);
      this.weekPosts.set(previous.weekPosts);
      this.weekOriginals.set(previous.weekOriginals);
      this.dayFirst.set(previous.dayFirst);
      this.dayLast.set(previous.dayLast);
    }
    registry.forEach((facts, i) => {
      if (i < capacity && facts.closedDay !== undefined) this.closedDay[i] = facts.closedDay;
    });
  }

  copyInto(registry: readonly AccountFacts[]): void {
    const w = this.weekCount;
    const d = this.windowDays;
    registry.forEach((facts, i) => {
      const pf = facts.posts;
      if (pf === undefined || i >= this.capacity) return;
      const lastPostAt = this.lastPostAt[i]!;
      if (Number.isNaN(lastPostAt)) delete pf.lastPostAt;
      else pf.lastPostAt = lastPostAt;
      pf.monthSpanPosts = this.monthSpanPosts[i]!;
      pf.monthSpanDays = bitCount(this.monthSpanDays[i]!);
      pf.afterClosed.count = this.afterClosed[i]!;
      const lastAt = this.afterClosedLastAt[i]!;
      if (Number.isNaN(lastAt)) delete pf.afterClosed.lastAt;
      else pf.afterClosed.lastAt = lastAt;
      pf.inWindow = this.inWindow[i]!;
      pf.originalsInWindow = this.originalsInWindow[i]!;
      pf.weekPosts = this.weekPosts.subarray(i * w, (i + 1) * w);
      pf.weekOriginals = this.weekOriginals.subarray(i * w, (i + 1) * w);
      pf.dayFirst = this.dayFirst.subarray(i * d, (i + 1) * d);
      pf.dayLast = this.dayLast.subarray(i * d, (i + 1) * d);
    });
  }
}

/** The number of set bits of a 32-bit mask. */
function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m !== 0; m &= m - 1) n++;
  return n;
}
