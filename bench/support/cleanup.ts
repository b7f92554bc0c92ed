// Resources a benchmark starts (child processes, the database, temp folders) register an undo
// here; they run last-in-first-out at the end of the run, on an error and on Ctrl-C / SIGTERM.
type Undo = { label: string; run: () => Promise<void> | void };

const undos: Undo[] = [];
let running: Promise<void> | null = null;

export function onCleanup(label: string, run: Undo["run"]): void {
  undos.push({ label, run });
}

export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (undos.length > 0) {
      const undo = undos.pop()!;
      try {
        await undo.run();
      } catch (error) {
        console.error(`cleanup (${undo.label}) failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })().finally(() => {
    running = null;
  });
  return running;
}

let interrupted = false;
export function installSignalHandlers(): void {
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (interrupted) {
        console.error(`${signal} again: exiting without finishing cleanup.`);
        process.exit(130);
      }
      interrupted = true;
      console.error(`\n${signal}: stopping the benchmark's processes and database…`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
  // An error nobody awaited (e.g. a pool's idle client) must still stop the database and children.
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.on(event, (error: unknown) => {
      console.error(`${event}:`, error instanceof Error ? (error.stack ?? error.message) : error);
      void cleanupAll().finally(() => process.exit(1));
    });
  }
}
