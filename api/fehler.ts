import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { speicherFehler, WarehouseFehler, type FehlerCode } from '../warehouse/index.ts';

/** Errors of the API itself (access, input); domain errors of the warehouse come as WarehouseFehler. */
export type ApiFehlerCode =
  | 'nicht_angemeldet'
  | 'anmeldung_fehlgeschlagen'
  | 'zu_viele_versuche'
  | 'kein_zugriff'
  | 'eingabe_ungueltig'
  | 'nicht_gefunden'
  | 'konflikt'
  | 'zu_gross'
  | 'interner_fehler';

export class ApiFehler extends Error {
  constructor(
    readonly code: ApiFehlerCode,
    meldung: string,
    readonly details?: unknown,
  ) {
    super(meldung);
    this.name = 'ApiFehler';
  }
}

// The one place where codes become HTTP status.
const STATUS: Record<ApiFehlerCode | FehlerCode, number> = {
  nicht_angemeldet: 401,
  anmeldung_fehlgeschlagen: 401,
  zu_viele_versuche: 429,
  kein_zugriff: 403,
  eingabe_ungueltig: 400,
  nicht_gefunden: 404,
  konflikt: 409,
  zu_gross: 413,
  interner_fehler: 500,
  datei_abgelehnt: 422,
  datei_nicht_lesbar: 422,
  zuordnung_ungueltig: 400,
  abfrage_ungueltig: 400,
  abfrage_nicht_erlaubt: 403,
  keine_daten: 404,
  prognose_ungueltig: 422,
  umschichtung_ungueltig: 422,
  vorschlag_ueberschritten: 422,
  jahr_abgeschlossen: 409,
  warehouse_gesperrt: 503,
  abfrage_zeitgrenze: 408,
  ueberlastet: 503,
  warehouse_schreibgeschuetzt: 503,
  speicher_voll: 507,
  sicherung_ungueltig: 422,
};

export interface FehlerAntwort {
  fehler: { code: string; meldung: string; details?: unknown };
}

/** Hono's onError: a stable code and a German message, never a stack trace. */
export function fehlerAntwort(e: Error, c: Context): Response {
  if (e instanceof ApiFehler || e instanceof WarehouseFehler) {
    // The rest of a too large body is not read: the connection cannot be reused.
    if (e.code === 'zu_gross') c.header('Connection', 'close');
    // Power Query and Power BI ask for credentials ("Standard": user name and key) when a 401 says Basic.
    if (e.code === 'nicht_angemeldet' && c.req.method === 'GET' && c.req.path.startsWith('/api/v1/abfragen/')) {
      c.header('WWW-Authenticate', 'Basic realm="Sozialraum-Controlling", charset="UTF-8"');
    }
    const body: FehlerAntwort = {
      fehler: { code: e.code, meldung: e.message, ...(e.details !== undefined ? { details: e.details } : {}) },
    };
    return c.json(body, STATUS[e.code] as 400);
  }
  if (e instanceof HTTPException) {
    const code = e.status === 413 ? 'zu_gross' : e.status === 401 ? 'nicht_angemeldet' : 'eingabe_ungueltig';
    // Hono's own messages are English ("Malformed JSON in request body"): the client gets a German one.
    const meldung =
      e.status === 413
        ? 'Die Anfrage ist zu groß.'
        : e.status === 401
          ? 'Anmeldung nötig.'
          : /json/i.test(e.message)
            ? 'Der Anfragekörper ist kein gültiges JSON.'
            : 'Ungültige Anfrage.';
    return c.json({ fehler: { code, meldung } }, e.status);
  }
  const speicher = speicherFehler(e);
  if (speicher) {
    // Disk full or not writable: the operator's log names the cause, the client gets 507/503.
    c.get('log')?.error({ err: e }, speicher.message);
    return fehlerAntwort(speicher, c);
  }
  c.get('log')?.error({ err: e }, 'unerwarteter Fehler');
  return c.json(
    {
      fehler: {
        code: 'interner_fehler',
        meldung: 'Interner Fehler. Bitte den Betrieb informieren (Anfrage-ID im Protokoll).',
      },
    },
    500,
  );
}
