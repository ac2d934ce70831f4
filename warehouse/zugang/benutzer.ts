// The users of the product: who signs in, in which role, for which Sozialräume. Their rows are the
// warehouse's (table benutzer); the API decides what a role may do (api/zugang/bereich.ts).
import { protokolliere } from '../audit.ts';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';
import { hashePasswort } from './passwort.ts';

export const ROLLEN = ['jugendamt_controller', 'traeger_controller', 'asd', 'analyst', 'admin'] as const;
export type Rolle = (typeof ROLLEN)[number];

export interface Benutzer {
  name: string;
  rolle: Rolle;
  /** Empty: every Sozialraum. */
  sozialraeume: string[];
  traeger: string | null;
  aktiv: boolean;
  demo: boolean;
}

export async function legeBenutzerAn(
  wh: Warehouse,
  b: { name: string; rolle: string; sozialraeume: string[]; traeger?: string; passwort: string; demo?: boolean },
  wer: string,
): Promise<void> {
  if (!(ROLLEN as readonly string[]).includes(b.rolle))
    throw new WarehouseFehler('eingabe_ungueltig', `Unbekannte Rolle „${b.rolle}“ (erlaubt: ${ROLLEN.join(', ')}).`);
  if (!/^[\w.@-]{2,64}$/.test(b.name))
    throw new WarehouseFehler(
      'eingabe_ungueltig',
      'Der Benutzername darf nur Buchstaben, Ziffern, . _ @ - enthalten (2 bis 64 Zeichen).',
    );
  if (b.passwort.length < 10)
    throw new WarehouseFehler('eingabe_ungueltig', 'Das Passwort muss mindestens 10 Zeichen haben.');
  const bekannt = (await wh.abfrage('SELECT sozialraum FROM sozialraum')).map((z) => String(z.sozialraum));
  for (const s of b.sozialraeume)
    if (!bekannt.includes(s))
      throw new WarehouseFehler('eingabe_ungueltig', `Unbekannter Sozialraum „${s}“ (erlaubt: ${bekannt.join(', ')}).`);
  if (b.rolle === 'traeger_controller' && !b.traeger)
    throw new WarehouseFehler('eingabe_ungueltig', 'Ein Träger-Controller braucht --traeger.');
  if ((b.rolle === 'traeger_controller' || b.rolle === 'asd') && b.sozialraeume.length === 0) {
    throw new WarehouseFehler('eingabe_ungueltig', `Die Rolle ${b.rolle} braucht mindestens einen --sozialraum.`);
  }
  const hash = await hashePasswort(b.passwort);
  await wh.transaktion(async () => {
    await wh.ausfuehren(
      `INSERT OR REPLACE INTO benutzer (name, rolle, sozialraeume, traeger, passwort_hash, aktiv, demo)
      VALUES ($n, $r, $s::VARCHAR[], $t, $h, true, $d)`,
      { n: b.name, r: b.rolle, s: `[${b.sozialraeume.join(',')}]`, t: b.traeger ?? null, h: hash, d: b.demo ?? false },
    );
    await protokolliere(wh, { benutzer: wer, aktion: 'benutzer_anlegen', objekt: b.name, details: `Rolle ${b.rolle}` });
  });
}

export async function sperreBenutzer(wh: Warehouse, name: string, wer: string): Promise<void> {
  await wh.transaktion(async () => {
    const n = Number(await wh.wert('SELECT count(*) FROM benutzer WHERE name = $n', { n: name }));
    if (n === 0) throw new WarehouseFehler('keine_daten', `Benutzer „${name}“ gibt es nicht.`);
    await wh.ausfuehren('UPDATE benutzer SET aktiv = false WHERE name = $n', { n: name });
    await protokolliere(wh, { benutzer: wer, aktion: 'benutzer_sperren', objekt: name });
  });
}

export async function listeBenutzer(wh: Warehouse): Promise<Benutzer[]> {
  return (await wh.abfrage('SELECT name, rolle, sozialraeume, traeger, aktiv, demo FROM benutzer ORDER BY name')).map(
    alsBenutzer,
  );
}

export async function findeBenutzer(
  wh: Warehouse,
  name: string,
): Promise<(Benutzer & { passwortHash: string }) | undefined> {
  const [z] = await wh.abfrage('SELECT *, passwort_hash FROM benutzer WHERE name = $n', { n: name });
  return z ? { ...alsBenutzer(z), passwortHash: String(z.passwort_hash) } : undefined;
}

function alsBenutzer(z: Record<string, unknown>): Benutzer {
  return {
    name: String(z.name),
    rolle: z.rolle as Rolle,
    sozialraeume: (z.sozialraeume as string[]) ?? [],
    traeger: (z.traeger as string | null) ?? null,
    aktiv: Boolean(z.aktiv),
    demo: Boolean(z.demo),
  };
}
