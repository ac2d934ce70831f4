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
