#!/usr/bin/env node
// Thin shim: the only place that sets the process exit code.
import { runCli } from "../dist/cli/main.js";

process.exitCode = await runCli(process.argv.slice(2));
