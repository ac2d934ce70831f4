import { readFileSync } from 'node:fs';

const gelesen = new Map<string, string>();

/**
 * The text of the named query `name.sql` beside the module `modul` (pass `import.meta.url`), read once per
 * process. Every `.sql` file of the warehouse is read through here: one place that knows where they lie.
 */
export function sqlDatei(modul: string, name: string): string {
  const url = new URL(`./${name}.sql`, modul);
  let text = gelesen.get(url.href);
  if (text === undefined) {
    text = readFileSync(url, 'utf8');
    gelesen.set(url.href, text);
  }
  return text;
}
