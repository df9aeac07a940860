import { defineConfig } from "vitest/config";

// The slow tests that start real programs (LibreOffice, poppler, Chromium) to look at the report:
// `npm run test:render`, run by .ci/run; kept out of the default run (vitest.config.ts).
export default defineConfig({
  test: {
    include: ["test/render/**/*.render.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    env: { TZ: "America/New_York", NO_COLOR: "1" },
  },
});
