import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysFromCivil, parseDateTime } from "../../src/time/parse.js";
import { Zone } from "../../src/time/zone.js";

/** The digit-by-digit reading of `YYYY-MM-DD HH:mm:ss` must give what the general path gives. */
describe("date-time fast path", () => {
  it("daysFromCivil is Date.UTC in days, for every day of 1900–2999", () => {
    for (let y = 1900; y <= 2999; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const d of [1, 15, 28, 29, 30, 31]) {
          expect(daysFromCivil(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
        }
      }
    }
  });

  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  for (const zoneName of ["Asia/Shanghai", "America/New_York", "Europe/London", "UTC"]) {
    it(`YYYY-MM-DD HH:mm:ss reads as YYYY/MM/DD HH:mm:ss does, in ${zoneName}`, () => {
      const zone = Zone.of(zoneName);
      fc.assert(
        fc.property(
          fc.integer({ min: 1890, max: 3010 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 23 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 60 }),
          fc.constantFrom(" ", "T"),
          (y, mo, d, h, mi, s, sep) => {
            const time = `${pad(h)}:${pad(mi)}:${pad(s)}`;
            const fast = parseDateTime(`${y}-${pad(mo)}-${pad(d)}${sep}${time}`, zone);
            const general = parseDateTime(`${y}/${pad(mo)}/${pad(d)} ${time}`, zone);
            expect(fast).toBe(general);
          },
        ),
        { numRuns: 3000 },
      );
    });
  }
});
