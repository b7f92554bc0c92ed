// How benchmarks print: indented lines, durations in seconds.
export const log = (line: string) => console.log(`  ${line}`);
export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
