// Saved ad-hoc queries: named, parameterised, refreshed by URL from Power Query and Power BI.
import { WarehouseFehler } from '../fehler.ts';
import { protokolliere } from '../audit.ts';
import { parameterDerAbfrage } from '../sandbox/index.ts';
import type { Warehouse } from '../verbindung.ts';

export interface GespeicherteAbfrage {
  name: string;
  sql: string;
  parameter: string[];
  beschreibung: string | null;
  autor: string;
  geaendert: string;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** Names the call's address already uses for itself (GET /abfragen/NAME.csv?format=rfc): no $parameter may take them. */
const RESERVIERT = new Set(['format']);

/** Who saves or deletes: a saved query is its author's; besides them only `admin` may replace or delete it. */
export interface Bearbeiter {
  name: string;
  rolle: string;
}

/** Refuses when someone else's saved query would be replaced or deleted (a Power BI report of theirs reads it). */
function pruefeEigentum(alt: GespeicherteAbfrage, wer: Bearbeiter, was: 'ersetzen' | 'löschen'): void {
  if (alt.autor === wer.name || wer.rolle === 'admin') return;
  throw new WarehouseFehler(
    'abfrage_nicht_erlaubt',
    `Die gespeicherte Abfrage „${alt.name}“ gehört ${alt.autor}; ${was} dürfen sie nur ${alt.autor} oder ein Admin. Bitte einen anderen Namen wählen.`,
  );
}

/**
 * Saves (or replaces) a query under a name, after the sandbox's checks: a query that could never run
 * is refused now, not at the next refresh. Only its author or an admin replaces a saved query; the audit
 * line of a replacement keeps the SQL it replaced. Audited, like every write.
 */
export async function speichereAbfrage(
  wh: Warehouse,
  a: { name: string; sql: string; beschreibung?: string | null },
  wer: Bearbeiter,
): Promise<GespeicherteAbfrage> {
  if (!NAME.test(a.name)) {
    throw new WarehouseFehler(
      'abfrage_ungueltig',
      `Der Name „${a.name}“ geht nicht: Kleinbuchstaben, Ziffern, _ und -, höchstens 63 Zeichen (er wird Teil der Adresse).`,
    );
  }
  return await wh.schreibe(async () => {
    const parameter = await parameterDerAbfrage(wh, a.sql);
    for (const p of parameter.filter((p) => RESERVIERT.has(p)))
      throw new WarehouseFehler(
        'abfrage_ungueltig',
        `Der Parameter $${p} geht nicht: ?${p}= wählt beim Abruf schon etwas anderes (das CSV-Format). Bitte anders nennen, z. B. $${p}_wert.`,
      );
    await wh.transaktion(async () => {
      const alt = await leseAbfrage(wh, a.name);
      if (alt) pruefeEigentum(alt, wer, 'ersetzen');
      await wh.ausfuehren(
        `INSERT OR REPLACE INTO gespeicherte_abfrage (name, sql, parameter, beschreibung, autor, geaendert)
      VALUES ($n, $s, $p::VARCHAR[], $b, $a, current_localtimestamp())`,
        { n: a.name, s: a.sql, p: `[${parameter.join(',')}]`, b: a.beschreibung ?? null, a: wer.name },
      );
      await protokolliere(wh, {
        benutzer: wer.name,
        aktion: 'abfrage_speichern',
        objekt: a.name,
        details: alt ? `${a.sql}\n-- ersetzt die Fassung von ${alt.autor}:\n${alt.sql}` : a.sql,
      });
    });
    return (await leseAbfrage(wh, a.name))!;
  });
}

export async function listeAbfragen(wh: Warehouse): Promise<GespeicherteAbfrage[]> {
  return (
    await wh.abfrage(
      "SELECT name, sql, parameter, beschreibung, autor, strftime(geaendert, '%Y-%m-%dT%H:%M:%S') AS geaendert FROM gespeicherte_abfrage ORDER BY name",
    )
  ).map(alsAbfrage);
}

export async function leseAbfrage(wh: Warehouse, name: string): Promise<GespeicherteAbfrage | undefined> {
  const [z] = await wh.abfrage(
    "SELECT name, sql, parameter, beschreibung, autor, strftime(geaendert, '%Y-%m-%dT%H:%M:%S') AS geaendert FROM gespeicherte_abfrage WHERE name = $n",
    { n: name },
  );
  return z ? alsAbfrage(z) : undefined;
}

export async function loescheAbfrage(wh: Warehouse, name: string, wer: Bearbeiter): Promise<void> {
  await wh.transaktion(async () => {
    const alt = await leseAbfrage(wh, name);
    if (!alt) throw new WarehouseFehler('keine_daten', `Eine gespeicherte Abfrage „${name}“ gibt es nicht.`);
    pruefeEigentum(alt, wer, 'löschen');
    await wh.ausfuehren('DELETE FROM gespeicherte_abfrage WHERE name = $n', { n: name });
    await protokolliere(wh, { benutzer: wer.name, aktion: 'abfrage_loeschen', objekt: name, details: alt.sql });
  });
}

function alsAbfrage(z: Record<string, unknown>): GespeicherteAbfrage {
  return {
    name: String(z.name),
    sql: String(z.sql),
    parameter: (z.parameter as string[] | null) ?? [],
    beschreibung: (z.beschreibung as string | null) ?? null,
    autor: String(z.autor),
    geaendert: String(z.geaendert),
  };
}
