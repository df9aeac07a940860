import { describe, expect, it } from "vitest";
import * as time from "../../src/time/index.js";

describe("time/index", () => {
  it("re-exports the whole time layer", () => {
    for (const name of [
      "Zone",
      "dayNumber",
      "civilDate",
      "isoWeekday",
      "DAY_MS",
      "DEFAULT_TZ",
      "parseCivilDate",
      "parseDateTime",
      "isBareDate",
      "WorkCalendar",
      "loadCalendarFile",
      "resolveWindow",
      "parseAsOf",
      "parsePeriod",
      "completeWeeks",
      "monthBefore",
      "isoWeeksInYear",
    ]) {
      expect(time, name).toHaveProperty(name);
    }
  });
});
