import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Tests must not depend on the machine's zone: pin a non-Shanghai one. .ci/run runs the end-to-end
    // and determinism suites a second time with GMAUDIT_TEST_TZ=Asia/Shanghai (the audit's own zone).
    env: { TZ: process.env.GMAUDIT_TEST_TZ ?? "America/New_York", NO_COLOR: "1" },
  },
});
