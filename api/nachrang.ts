import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Nice value of the server's other threads: at +10 Linux gives a busy thread about a tenth of the event loop's share. */
export const NACHRANG = 10;

/**
 * The event loop answers every request; the long work runs on other threads of the same process: DuckDB's
 * (an analyst's slow query, a load), libuv's pool that waits for DuckDB, the worker thread of the small-number
 * protection. On a machine with two cores they all want the same cores, and a figure read that needs a few
 * milliseconds of the event loop waited for the slow queries' time slices (p99 of the load test). Linux shares
 * the cores by nice value: every thread but the event loop's gets NACHRANG, so requests come first and the long
 * work takes what is left. Threads come and go (DuckDB's pool, a new worker), so this looks again every `takt`
 * ms. Raising one's own threads' nice needs no privilege; where /proc is missing (not Linux) nothing happens.
 */
export function gibHintergrundNachrang(takt = 5000): () => void {
  const einmal = () => {
    let threads: string[];
    try {
      threads = readdirSync('/proc/self/task');
    } catch {
      return;
    }
    for (const t of threads) {
      const tid = Number(t);
      if (tid === process.pid) continue; // the main thread, the event loop's
      try {
        if (getPriority(tid) < NACHRANG) setPriority(tid, NACHRANG);
      } catch {
        // the thread has ended meanwhile
      }
    }
  };
  einmal();
  const uhr = setInterval(einmal, takt);
  uhr.unref();
  return () => clearInterval(uhr);
}
