// Excel custom functions SRB.* in the shared runtime: registered at load, answered once signed in.
import { fehlertext, type Client } from '../api/index.ts';
import { abweichung, faelle, finanzvolumen, ist, prognose, verwendeStapel } from './formeln.ts';
import { Formelstapel, type Senden } from './stapel.ts';

export { Formelstapel } from './stapel.ts';

/** Ties the function ids of functions.json to their code; must run when the runtime loads. */
export function registriereFormeln(): void {
  if (typeof CustomFunctions === 'undefined') return; // a plain browser: no cell formulas
  CustomFunctions.associate('FINANZVOLUMEN', finanzvolumen);
  CustomFunctions.associate('IST', ist);
  CustomFunctions.associate('PROGNOSE', prognose);
  CustomFunctions.associate('ABWEICHUNG', abweichung);
  CustomFunctions.associate('FAELLE', faelle);
}

/** The batch over the typed client: If-None-Match with the last ETag, 304 keeps every cell as it is. */
export function sendeUeber(c: Client): Senden {
  return async (aufrufe, etag) => {
    const r = await c.api.v1.formeln.$post(
      { json: { aufrufe } },
      etag ? { headers: { 'if-none-match': etag } } : undefined,
    );
    if (r.status === 304) return 'unveraendert';
    if (r.status !== 200) throw new Error(await fehlertext(r));
    return { ergebnisse: (await r.json()).ergebnisse, etag: r.headers.get('etag') };
  };
}

// #WERT! for arguments that cannot be right, #NV where there is no figure or no access.
const alsExcelFehler = (e: { fehler: 'wert' | 'nv'; meldung: string }) =>
  new CustomFunctions.Error(
    e.fehler === 'wert' ? CustomFunctions.ErrorCode.invalidValue : CustomFunctions.ErrorCode.notAvailable,
    e.meldung,
  );

/** After sign-in: the functions answer through this client and refresh on the API's change events. */
export function verbindeFormeln(c: Client, ereignisse: EventTarget | null): Formelstapel<CustomFunctions.Error> {
  const stapel = new Formelstapel(sendeUeber(c), alsExcelFehler);
  verwendeStapel(stapel);
  // A failed refresh keeps the cells as they are; the next change event asks again.
  ereignisse?.addEventListener('aenderung', () => {
    stapel.aktualisiere().catch(() => undefined);
  });
  return stapel;
}

/** At sign-out: the cells show #NV („bitte anmelden“) instead of the previous user's figures. */
export function trenneFormeln(): void {
  verwendeStapel(null);
}
