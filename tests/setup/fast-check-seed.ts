// Property tests run on a random seed by default (a new one per test file and run), or on
// FC_SEED when it is set, and a failure says how to replay it. fast-check's own report already
// holds the counterexample, seed and path; this adds the command that reproduces it.
import path from "node:path";
import fc from "fast-check";
import { expect } from "vitest";

const fromEnv = process.env.FC_SEED?.trim();
const seed = fromEnv ? Number(fromEnv) : (Date.now() ^ (Math.random() * 0x1_0000_0000)) | 0;
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, not "${fromEnv}".`);

fc.configureGlobal({
  seed,
  // Called for sync and async properties alike (no asyncReporter is set); it must throw on failure.
  reporter(details) {
    if (!details.failed) return;
    const report = fc.defaultReportMessage(details) ?? "Property failed";
    const testPath = expect.getState().testPath;
    const file = testPath ? path.relative(process.cwd(), testPath) : "<this test file>";
    throw new Error(
      `${report}\n\nReplay: FC_SEED=${details.seed} npx vitest run ${file}` +
        ` (or pass { seed: ${details.seed}, path: "${details.counterexamplePath}" } to this fc.assert to replay only the shrunk case)`,
      { cause: details.errorInstance },
    );
  },
});
