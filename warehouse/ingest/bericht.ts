import type { Befund } from './pruefung.ts';

/** One finding as a German sentence: file, line, column, value, reason. */
export function befundText(datei: string, b: Befund): string {
  const teile = [datei];
  if (b.zeile !== undefined) teile.push(`Zeile ${b.zeile}`);
  if (b.spalte) teile.push(`Spalte „${b.spalte}“`);
  if (b.wert !== undefined && b.wert !== null) teile.push(`Wert „${b.wert}“`);
  return `${teile.join(', ')}: ${b.grund}.`.replace(/\.\.$/, '.');
}

export function berichtText(datei: string, befunde: Befund[], anzahl: number): string {
  const kopf =
    `Die Datei ${datei} wurde abgelehnt: ${anzahl === 1 ? 'ein Fehler' : `${anzahl} Fehler`}. ` +
    'Es wurde nichts geladen; das Warehouse ist unverändert.';
  const mehr = anzahl > befunde.length ? [`… und ${anzahl - befunde.length} weitere Fehler.`] : [];
  return [kopf, '', ...befunde.map((b) => befundText(datei, b)), ...mehr, ''].join('\n');
}
