// The part of papaparse's API that csv.ts uses: its core, synchronous `Parser` (the one papaparse's own
// streamers drive chunk by chunk). Declared here rather than pulling in @types/papaparse.
declare module "papaparse" {
  interface PapaError {
    type: string;
    code: string;
    message: string;
    row?: number;
  }
  interface PapaResult {
    data: string[][];
    errors: PapaError[];
    meta: { cursor: number; aborted: boolean };
  }
  interface PapaParserConfig {
    delimiter: string;
    newline: "\n";
    quoteChar: string;
    /** Called once per complete row; `meta.cursor` is the offset just after it. */
    step?: (result: PapaResult) => void;
  }
  class Parser {
    constructor(config: PapaParserConfig);
    /** With `ignoreLastRow`, an incomplete last row is left for the next call (from `meta.cursor`). */
    parse(input: string, baseIndex: number, ignoreLastRow: boolean): PapaResult;
    abort(): void;
  }
  const Papa: { Parser: typeof Parser };
  export default Papa;
}
