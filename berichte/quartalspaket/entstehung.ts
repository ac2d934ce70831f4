import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// A pack is made in a hidden folder `.entstehung-PID` inside its quarter's folder and moved in at the
// end. A build killed hard (kill -9, power cut) never reaches its clean-up: its folder of half-drawn
// charts would stay for good. The next build of any quarter in that folder removes it.

export const entstehungsordner = (ordner: string) => join(ordner, `.entstehung-${process.pid}`);

const lebt = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process is there but another user's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the building folders of builds whose process is gone (this process's own included). */
export function raeumeAbgebrocheneAuf(ordner: string): void {
  for (const name of readdirSync(ordner)) {
    const m = /^\.entstehung-(\d+)$/.exec(name);
    if (m && (Number(m[1]) === process.pid || !lebt(Number(m[1]))))
      rmSync(join(ordner, name), { recursive: true, force: true });
  }
}
