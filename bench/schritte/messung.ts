/** Each benchmark step runs in a process of its own so that its peak memory is its own. */
export function berichte(werte: Record<string, number | string>): void {
  const rss = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ...werte, maxRssMB: Math.round(rss) }) + '\n');
}

export async function stoppuhr<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = process.hrtime.bigint();
  const ergebnis = await fn();
  return [ergebnis, Number(process.hrtime.bigint() - start) / 1e9];
}

/**
 * The wall time and the CPU time of the whole process (DuckDB's threads included) that fn takes. On a
 * machine shared with others' work the wall time follows their load (a bare read_csv took 16 to 57 s in
 * one run); the CPU time says how much work the step itself is, far less disturbed.
 */
export async function stoppuhrUndRechenzeit<T>(fn: () => Promise<T>): Promise<[T, number, number]> {
  const vorher = process.cpuUsage();
  const [ergebnis, sekunden] = await stoppuhr(fn);
  const cpu = process.cpuUsage(vorher);
  return [ergebnis, sekunden, (cpu.user + cpu.system) / 1e6];
}
