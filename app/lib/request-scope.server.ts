// One memo per incoming HTTP request, for a read every loader of one page repeats: a document
// request runs the admin layout's loader and the page's loader side by side, and both ask who the
// staff member is (session token, session row, shop). The server (scripts/app-server.ts) opens a
// scope around each GET; outside a scope (a POST, a job, a test calling a loader) nothing is kept.
// Only reads are shared: an action may change what a loader after it must read afresh, so the
// server opens no scope for other methods.
import { AsyncLocalStorage } from "node:async_hooks";

type Scope = Map<string, Promise<unknown>>;

// One storage per process: the launcher (source) and the built server bundle each load this module.
const KEY = Symbol.for("creator-payouts.request-scope");
const holder = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Scope> };
const storage = (holder[KEY] ??= new AsyncLocalStorage<Scope>());

/** Runs one request's handling inside its own memo. */
export function withRequestScope<T>(work: () => T): T {
  return storage.run(new Map(), work);
}

/** `load()` once per request scope and key (its promise is shared, a rejection included); without a scope, every call loads. */
export function onceInRequest<T>(key: string, load: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  if (!scope) return load();
  let pending = scope.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    scope.set(key, pending);
  }
  return pending;
}
