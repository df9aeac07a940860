// Preloaded with `node --import` into a spawned gmaudit by test/reliability/safe-writes.test.ts:
// every FileHandle.writeFile becomes slow (small pieces, a pause between them) and announces itself on
// stderr, so that the test can send a signal while an output file is half written.
import { open } from "node:fs/promises";

const probe = await open(process.execPath, "r");
const FileHandle = Object.getPrototypeOf(probe);
await probe.close();

FileHandle.writeFile = async function slowWriteFile(data) {
  const bytes = Buffer.from(data);
  process.stderr.write("slow-write: started\n");
  for (let i = 0; i < bytes.length; i += 256) {
    await this.write(bytes.subarray(i, i + 256));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
