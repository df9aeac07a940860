// The entry of `npm run bundle`: one file that is both the command line and its own reading threads
// (src/ingest/threads.ts starts the bundle itself as a thread when it is bundled).
import { isMainThread } from "node:worker_threads";
import "../dist/ingest/read-worker.js"; // acts only on a reading thread

if (isMainThread) await import("../bin/gmaudit.js");
