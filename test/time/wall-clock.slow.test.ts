import { describe, expect, it } from "vitest";
import { Zone } from "../../src/time/zone.js";
import { DAY, wallClockMismatches, ZONES_WITH_CHANGES } from "./wall-clock.js";

// Every quarter hour of a whole year against date-fns, about 1.5 s a zone: out of the inner loop,
// which checks the days around each offset change (fast-path.test.ts).
describe("wall-clock times across offset changes, every day of the year", () => {
  for (const [name, year] of ZONES_WITH_CHANGES) {
    it(`toInstant, startOfDay and fromWallClock in ${name} ${year}: gaps moved forward, doubled times the earlier`, () => {
      const zone = Zone.of(name);
      const wrong: string[] = [];
      for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += DAY) {
        wrong.push(...wallClockMismatches(zone, day));
      }
      expect(wrong).toEqual([]);
    });
  }
});
