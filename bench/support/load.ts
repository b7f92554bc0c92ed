// A closed-loop HTTP load generator: C workers on keep-alive connections pull from a list of
// pre-built requests; each request's latency is measured from send to the end of its response.
import http, { type OutgoingHttpHeaders } from "node:http";

export interface PreparedRequest {
  /** POST unless given. */
  method?: string;
  path: string;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

export interface LoadResult {
  requests: number;
  ok: number;
  /** Failure kind ("HTTP 401", "ECONNRESET", …) → count. */
  failures: Map<string, number>;
  /** Latency of every answered request (any status), in milliseconds. */
  latenciesMs: Float64Array;
  /** Wall-clock (Date.now) time of the first send and of the last response. */
  startedAtMs: number;
  finishedAtMs: number;
  /** Elapsed time measured with the monotonic clock. */
  elapsedMs: number;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export async function fireLoad(
  target: { host: string; port: number },
  requests: readonly PreparedRequest[],
  concurrency: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
  const latencies = new Float64Array(requests.length);
  let answered = 0;
  let ok = 0;
  const failures = new Map<string, number>();
  const fail = (kind: string) => failures.set(kind, (failures.get(kind) ?? 0) + 1);
  let next = 0;

  const send = (request: PreparedRequest) =>
    new Promise<number>((resolve, reject) => {
      const outgoing = http.request(
        {
          host: target.host,
          port: target.port,
          method: request.method ?? "POST",
          path: request.path,
          agent,
          headers: { ...request.headers, "Content-Length": request.body.length },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
          response.on("error", reject);
        },
      );
      outgoing.on("error", reject);
      outgoing.end(request.body);
    });

  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= requests.length) return;
      const started = process.hrtime.bigint();
      try {
        const status = await send(requests[index]);
        latencies[answered++] = Number(process.hrtime.bigint() - started) / 1e6;
        if (status === 200) ok++;
        else fail(`HTTP ${status}`);
      } catch (error) {
        fail((error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error)));
      }
    }
  };

  const startedAtMs = Date.now();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const finishedAtMs = Date.now();
  agent.destroy();
  return { requests: requests.length, ok, failures, latenciesMs: latencies.subarray(0, answered), startedAtMs, finishedAtMs, elapsedMs };
}

export function summarize(latenciesMs: Float64Array): LatencySummary {
  const sorted = Float64Array.from(latenciesMs).sort();
  const at = (p: number) =>
    sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  const total = sorted.reduce((s, v) => s + v, 0);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : NaN, mean: total / sorted.length };
}

export function formatFailures(failures: Map<string, number>): string {
  if (failures.size === 0) return "none";
  return [...failures].map(([kind, count]) => `${count}× ${kind}`).join(", ");
}
