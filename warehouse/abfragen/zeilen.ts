// Every named figure of this folder with the schema of its rows: `kennzahl` parses what DuckDB answers with
// it, the API declares it as the response, and test/zeilenschema.test.ts holds it to the query's columns.
import type { z } from 'zod';
import { abrechnungGrundlageZeile } from './abrechnung_grundlage.ts';
import { abweichungZeile } from './abweichung.ts';
import { befundeZeile } from './befunde.ts';
import { fachcontrollingZeile } from './fachcontrolling.ts';
import { finanzvolumenZeile } from './finanzvolumen.ts';
import { istGenauZeile } from './ist_genau.ts';
import { jahresabrechnungZeile } from './jahresabrechnung.ts';
import { jahresabrechnungBefundZeile } from './jahresabrechnung_befund.ts';
import { kontraktAbgleichZeile } from './kontrakt_abgleich.ts';
import { personalPruefungZeile } from './personal_pruefung.ts';
import { umschichtungVorschlagZeile } from './umschichtung_vorschlag.ts';
import { umschichtungenZeile } from './umschichtungen.ts';
import { verbrauchZeile } from './verbrauch.ts';

const SCHEMAS = {
  abrechnung_grundlage: abrechnungGrundlageZeile,
  abweichung: abweichungZeile,
  befunde: befundeZeile,
  fachcontrolling: fachcontrollingZeile,
  finanzvolumen: finanzvolumenZeile,
  ist_genau: istGenauZeile,
  jahresabrechnung: jahresabrechnungZeile,
  jahresabrechnung_befund: jahresabrechnungBefundZeile,
  kontrakt_abgleich: kontraktAbgleichZeile,
  personal_pruefung: personalPruefungZeile,
  umschichtung_vorschlag: umschichtungVorschlagZeile,
  umschichtungen: umschichtungenZeile,
  verbrauch: verbrauchZeile,
} as const;

export type Kennzahlname = keyof typeof SCHEMAS;
/** The row of a named figure. */
export type KennzahlZeile<N extends Kennzahlname> = z.infer<(typeof SCHEMAS)[N]>;

/**
 * Query name (the `.sql` file) → the schema of its rows, keys in the order of the query's columns. Typed
 * per name, so that `KENNZAHLZEILEN[name]` of a generic name is the schema of that name's row.
 */
export const KENNZAHLZEILEN: { [N in Kennzahlname]: z.ZodType<KennzahlZeile<N>> } = SCHEMAS;
