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

/** The user a key belongs to, if the key is known, unrevoked and unexpired; else nothing. */
export async function benutzerDesSchluessels(
  wh: Warehouse,
  schluessel: string,
): Promise<{ benutzer: string; bis: number } | undefined> {
  const [id, geheim] = schluessel.split('.');
  if (!id || !geheim || !/^srbk_[0-9a-f]{16}$/.test(id)) return undefined;
  const [z] = await wh.abfrage(
    `SELECT benutzer, hash, epoch_ms(gueltig_bis) AS bis FROM api_schluessel
    WHERE schluessel_id = $i AND widerrufen IS NULL AND gueltig_bis > current_localtimestamp()`,
    { i: id },
  );
  if (!z) return undefined;
  const erwartet = Buffer.from(String(z.hash), 'hex');
  const gegeben = Buffer.from(hash(geheim), 'hex');
  return timingSafeEqual(erwartet, gegeben) ? { benutzer: String(z.benutzer), bis: Number(z.bis) } : undefined;
}

export async function listeApiSchluessel(wh: Warehouse, benutzer: string): Promise<ApiSchluessel[]> {
  return (
    await wh.abfrage(
      `SELECT schluessel_id, name, strftime(gueltig_bis, '%Y-%m-%dT%H:%M:%S') AS gueltig_bis, strftime(angelegt, '%Y-%m-%dT%H:%M:%S') AS angelegt,
      strftime(widerrufen, '%Y-%m-%dT%H:%M:%S') AS widerrufen FROM api_schluessel WHERE benutzer = $b ORDER BY angelegt`,
      { b: benutzer },
    )
  ).map((z) => ({
    schluesselId: String(z.schluessel_id),
    name: String(z.name),
    gueltigBis: String(z.gueltig_bis),
    angelegt: String(z.angelegt),
    widerrufen: (z.widerrufen as string | null) ?? null,
  }));
}

export async function widerrufeApiSchluessel(wh: Warehouse, schluesselId: string, benutzer: string): Promise<void> {
  await wh.transaktion(async () => {
    const n = Number(
      await wh.wert(
        'SELECT count(*) FROM api_schluessel WHERE schluessel_id = $i AND benutzer = $b AND widerrufen IS NULL',
        { i: schluesselId, b: benutzer },
      ),
    );
    if (n === 0)
      throw new WarehouseFehler(
        'keine_daten',
        `Einen gültigen API-Schlüssel „${schluesselId}“ dieses Zugangs gibt es nicht.`,
      );
    await wh.ausfuehren('UPDATE api_schluessel SET widerrufen = current_localtimestamp() WHERE schluessel_id = $i', {
      i: schluesselId,
    });
    await protokolliere(wh, { benutzer, aktion: 'apischluessel_widerrufen', objekt: schluesselId });
  });
}
