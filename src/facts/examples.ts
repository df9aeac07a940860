/**
 * Counted problems keep a few examples as evidence (the count itself is exact), chosen so that the
 * evidence does not depend on the order of the input rows.
 */

/** Up to this many examples are kept as evidence for counted problems (the count itself is exact). */
export const MAX_EXAMPLES = 5;

export interface CountWithExamples {
  count: number;
  examples: string[];
  /** The time of each example (parallel to `examples`) when it has one: the earliest are kept. */
  times?: number[];
}

/** `addExample(target, example(), at)`, building the example's text only when it may be kept. */
export function addLazyExample(target: CountWithExamples, example: () => string, at: number): void {
  const times = target.times;
  if (times !== undefined && times.length >= MAX_EXAMPLES && at > times[MAX_EXAMPLES - 1]!) {
    target.count++;
    return;
  }
  addExample(target, example(), at);
}

/**
 * Counts one more occurrence and keeps it as an example if it is among the MAX_EXAMPLES earliest
 * (`at`; ties: the smaller text), so that the evidence does not depend on the order of the input rows.
 * Without `at`, the first ones are kept.
 */
export function addExample(target: CountWithExamples, example: string, at?: number): void {
  target.count++;
  const { examples } = target;
  if (at === undefined) {
    if (examples.length < MAX_EXAMPLES) examples.push(example);
    return;
  }
  target.times ??= [];
  const { times } = target;
  let i = times.length;
  while (i > 0 && (times[i - 1]! > at || (times[i - 1] === at && examples[i - 1]! > example))) i--;
  if (i >= MAX_EXAMPLES) return;
  times.splice(i, 0, at);
  examples.splice(i, 0, example);
  if (times.length > MAX_EXAMPLES) {
    times.pop();
    examples.pop();
  }
}
