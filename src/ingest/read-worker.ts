import { parentPort, workerData } from "node:worker_threads";
import { GmauditError } from "../errors.js";
import { type ReadJob, readPart, transferList, type WorkerMessage } from "./read-part.js";

/**
 * A reading thread: reads one posts or messages file, or a part of it (read-part.ts), and hands the
 * encoded records to the main thread (the blocks are moved, not copied). See collect.ts.
 */

if (parentPort !== null) {
  const port = parentPort;
  readPart(workerData as ReadJob, {
    onProgress: (done, total) => port.postMessage({ type: "progress", done, total } satisfies WorkerMessage),
  }).then(
    (result) => {
      port.postMessage({ type: "done", result } satisfies WorkerMessage, transferList(result));
    },
    (err: unknown) => {
      port.postMessage({
        type: "error",
        message: err instanceof Error ? err.message : String(err),
        ...(err instanceof GmauditError ? { text: err.text, details: err.details } : {}),
        gmaudit: err instanceof GmauditError,
        ...(err instanceof Error && err.stack !== undefined ? { stack: err.stack } : {}),
      } satisfies WorkerMessage);
    },
  );
}
