import { readFileSync } from 'node:fs';

/**
 * A document's HTML template (`vorlage.html` beside the module `modul`, pass `import.meta.url`) with its
 * print style (`stil.css`) and the given parts filled in. One pass over the template: text of a part
 * that happens to look like a placeholder stays as it is.
 */
export function fuelleVorlage(modul: string, teile: Record<string, string>): string {
  const werte: Record<string, string> = { stil: readFileSync(new URL('./stil.css', modul), 'utf8'), ...teile };
  return readFileSync(new URL('./vorlage.html', modul), 'utf8').replace(
    /\{\{(\w+)\}\}/g,
    (platzhalter, name: string) => werte[name] ?? platzhalter,
  );
}
