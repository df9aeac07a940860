import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // Tests must not depend on the machine's zone: pin a non-Shanghai one.
    env: { TZ: "America/New_York", NO_COLOR: "1" },
  },
});
