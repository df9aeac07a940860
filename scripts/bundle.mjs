#!/usr/bin/env node
// `npm run bundle` (after `npm run build`): writes gmaudit.mjs, one file with every dependency and the
// holiday data inside, for machines without a registry: `node gmaudit.mjs check 备案台账.csv`.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const out = path.resolve(root, process.argv[2] ?? "gmaudit.mjs");

await build({
  entryPoints: [path.join(root, "scripts/bundle-entry.mjs")],
  outfile: out,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  legalComments: "none",
  logLevel: "warning",
  define: {
    GMAUDIT_BUNDLED: "true",
    GMAUDIT_BUNDLED_VERSION: JSON.stringify(pkg.version),
  },
  // CommonJS dependencies (iconv-lite, cli-table3 …) call require() for Node's own modules.
  banner: {
    js: [
      "#!/usr/bin/env node",
      `// gmaudit ${pkg.version}, bundled with its dependencies (licences: see their packages).`,
      'import { createRequire as gmauditCreateRequire } from "node:module";',
      "const require = gmauditCreateRequire(import.meta.url);",
    ].join("\n"),
  },
});
console.log(`bundle: wrote ${path.relative(process.cwd(), out) || out}`);
