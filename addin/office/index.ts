// Office start-up, stored settings and error banners. @microsoft/office-js-helpers is archived upstream:
// this module is the only one that imports it, so it can be replaced in one place.
import { Storage, StorageType, UI } from '@microsoft/office-js-helpers';

export interface Start {
  /** Running inside Excel (task pane, ribbon commands, custom functions), not as a plain web page. */
  excel: boolean;
  sprache: 'de' | 'en';
}

/** Waits for Office.js; in a plain browser Office.onReady resolves with no host. */
export async function starte(): Promise<Start> {
  const info = typeof Office === 'undefined' ? { host: null } : await Office.onReady();
  const excel = info.host === Office.HostType.Excel;
  const anzeige = excel ? Office.context.displayLanguage : navigator.language;
  return { excel, sprache: /^en\b/i.test(anzeige ?? '') ? 'en' : 'de' };
}

export interface Einstellungen {
  server?: string;
  benutzer?: string;
}

// Server and user name survive the session; the token only the session; the password is never stored.
const dauerhaft = new Storage<string>('srb-addin', StorageType.LocalStorage);
const sitzung = new Storage<string>('srb-addin-sitzung', StorageType.SessionStorage);

export const einstellungen = {
  lesen(): Einstellungen {
    return { server: dauerhaft.get('server') ?? undefined, benutzer: dauerhaft.get('benutzer') ?? undefined };
  },
  merken(e: Required<Einstellungen>): void {
    dauerhaft.set('server', e.server);
    dauerhaft.set('benutzer', e.benutzer);
  },
  /** The sign-in of this session (token, role, Sozialräume) as the API gave it. */
  anmeldung<T>(): T | undefined {
    const s = sitzung.get('anmeldung');
    return s ? (JSON.parse(s) as T) : undefined;
  },
  anmeldungMerken(a: object | null): void {
    if (a === null) {
      if (sitzung.has('anmeldung')) sitzung.delete('anmeldung');
    } else sitzung.set('anmeldung', JSON.stringify(a));
  },
};

export function fehlerBanner(meldung: string, titel: string): void {
  UI.notify(meldung, titel, 'error');
}
