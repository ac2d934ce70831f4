import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { protokolliere } from '../audit.ts';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';

/** A key as the user gets it once: `srbk_<id>.<secret>`; only the id and a hash of the secret are kept. */
export interface NeuerSchluessel {
  schluessel: string;
  schluesselId: string;
  name: string;
  gueltigBis: string;
}

export interface ApiSchluessel {
  schluesselId: string;
  /** Whose key it is. */
  benutzer: string;
  name: string;
  gueltigBis: string;
  angelegt: string;
  widerrufen: string | null;
}

const HOECHSTENS_TAGE = 366;
const hash = (geheim: string) => createHash('sha256').update(geheim).digest('hex');

export async function erstelleApiSchluessel(
  wh: Warehouse,
  benutzer: string,
  name: string,
  tage: number,
): Promise<NeuerSchluessel> {
  if (!Number.isInteger(tage) || tage < 1 || tage > HOECHSTENS_TAGE)
    throw new WarehouseFehler('eingabe_ungueltig', `Ein API-Schlüssel gilt 1 bis ${HOECHSTENS_TAGE} Tage.`);
  const schluesselId = `srbk_${randomBytes(8).toString('hex')}`;
  const geheim = randomBytes(32).toString('base64url');
  const gueltigBis = new Date(Date.now() + tage * 86_400_000);
  await wh.transaktion(async () => {
    await wh.ausfuehren(
      `INSERT INTO api_schluessel (schluessel_id, benutzer, name, hash, gueltig_bis) VALUES ($i, $b, $n, $h, $g::TIMESTAMP)`,
      { i: schluesselId, b: benutzer, n: name, h: hash(geheim), g: gueltigBis.toISOString().replace('Z', '') },
    );
    await protokolliere(wh, {
      benutzer,
      aktion: 'apischluessel_anlegen',
      objekt: schluesselId,
      details: `${name}, gültig bis ${gueltigBis.toISOString().slice(0, 10)}`,
    });
  });
  return { schluessel: `${schluesselId}.${geheim}`, schluesselId, name, gueltigBis: gueltigBis.toISOString() };
}

/** A key that holds: its user, until when (ms since the epoch), and which key it is (never its secret). */
export interface GueltigerSchluessel {
  benutzer: string;
  bis: number;
  schluesselId: string;
  name: string;
}

/**
 * The key checked: the user it belongs to if it is known, unrevoked and unexpired; else why not (for the
 * audit only: the caller learns just that it does not hold), as a kind (`art`) and in words, with its id
 * and, once the secret matched, its user.
 */
export async function pruefeApiSchluessel(
  wh: Warehouse,
  schluessel: string,
): Promise<
  | ({ gilt: true } & GueltigerSchluessel)
  | { gilt: false; art: string; grund: string; schluesselId?: string; benutzer?: string }
> {
  // Exactly two parts: a key with more (srbk_ID.SECRET.anything) is not one, however the first two look.
  const teile = schluessel.split('.');
  const [id, geheim] = teile;
  if (teile.length !== 2 || !id || !geheim || !/^srbk_[0-9a-f]{16}$/.test(id))
    return { gilt: false, art: 'format', grund: 'kein API-Schlüssel' };
  const [z] = await wh.abfrage(
    `SELECT benutzer, name, hash, epoch_ms(gueltig_bis) AS bis, widerrufen IS NOT NULL AS widerrufen
      FROM api_schluessel WHERE schluessel_id = $i`,
    { i: id },
  );
  if (!z) return { gilt: false, art: 'unbekannt', grund: `unbekannter API-Schlüssel ${id}`, schluesselId: id };
  const erwartet = Buffer.from(String(z.hash), 'hex');
  const gegeben = Buffer.from(hash(geheim), 'hex');
  if (!timingSafeEqual(erwartet, gegeben))
    return { gilt: false, art: 'geheimnis', grund: `API-Schlüssel ${id} mit falschem Geheimnis`, schluesselId: id };
  const benutzer = String(z.benutzer);
  if (z.widerrufen)
    return { gilt: false, art: 'widerrufen', grund: `API-Schlüssel ${id} widerrufen`, schluesselId: id, benutzer };
  // gueltig_bis is UTC (written from toISOString); epoch_ms reads a TIMESTAMP as UTC, and Date.now() is UTC.
  // DuckDB's current_localtimestamp() is in the server's zone: west of UTC a key outlived its end by hours.
  if (Number(z.bis) <= Date.now())
    return { gilt: false, art: 'abgelaufen', grund: `API-Schlüssel ${id} abgelaufen`, schluesselId: id, benutzer };
  return { gilt: true, benutzer, bis: Number(z.bis), schluesselId: id, name: String(z.name) };
}

/** Whether a key that held at sign-in still does (not revoked, not expired): for what stays open, like an event stream. */
export async function apiSchluesselGiltNoch(wh: Warehouse, schluesselId: string): Promise<boolean> {
  const [z] = await wh.abfrage(
    'SELECT epoch_ms(gueltig_bis) AS bis FROM api_schluessel WHERE schluessel_id = $i AND widerrufen IS NULL',
    { i: schluesselId },
  );
  return z !== undefined && Number(z.bis) > Date.now();
}

/** The keys of one user, or of all (`null`: for admins, who revoke a leaked key of someone else). */
export async function listeApiSchluessel(wh: Warehouse, benutzer: string | null): Promise<ApiSchluessel[]> {
  return (
    await wh.abfrage(
      `SELECT schluessel_id, benutzer, name, epoch_ms(gueltig_bis) AS gueltig_bis, strftime(angelegt, '%Y-%m-%dT%H:%M:%S') AS angelegt,
      strftime(widerrufen, '%Y-%m-%dT%H:%M:%S') AS widerrufen FROM api_schluessel
      WHERE $b IS NULL OR benutzer = $b ORDER BY angelegt`,
      { b: benutzer },
    )
  ).map((z) => ({
    schluesselId: String(z.schluessel_id),
    benutzer: String(z.benutzer),
    name: String(z.name),
    // UTC with Z, as the answer that created the key says it.
    gueltigBis: new Date(Number(z.gueltig_bis)).toISOString(),
    angelegt: String(z.angelegt),
    widerrufen: (z.widerrufen as string | null) ?? null,
  }));
}

/**
 * Revokes a key of `wer`, or with `jedenSchluessel` (admins) of anyone; the audit names who revoked whose key.
 */
export async function widerrufeApiSchluessel(
  wh: Warehouse,
  schluesselId: string,
  wer: string,
  jedenSchluessel = false,
): Promise<void> {
  await wh.transaktion(async () => {
    const besitzer = await wh.wert(
      'SELECT benutzer FROM api_schluessel WHERE schluessel_id = $i AND ($jeder OR benutzer = $b) AND widerrufen IS NULL',
      { i: schluesselId, b: wer, jeder: jedenSchluessel },
    );
    if (besitzer === null)
      throw new WarehouseFehler(
        'keine_daten',
        `Einen gültigen API-Schlüssel „${schluesselId}“ ${jedenSchluessel ? 'gibt es nicht' : 'dieses Zugangs gibt es nicht'}.`,
      );
    await wh.ausfuehren('UPDATE api_schluessel SET widerrufen = current_localtimestamp() WHERE schluessel_id = $i', {
      i: schluesselId,
    });
    await protokolliere(wh, {
      benutzer: wer,
      aktion: 'apischluessel_widerrufen',
      objekt: schluesselId,
      ...(besitzer !== wer ? { details: `Schlüssel von ${String(besitzer)}` } : {}),
    });
  });
}
