import type { Logger } from 'pino';
import type { Benutzer, GueltigerSchluessel } from '../warehouse/index.ts';

/** What middleware puts into each request's context. */
export interface ApiUmgebung {
  Variables: {
    benutzer: Benutzer;
    /** The API key the request came with (its id and name, never its secret); none with a token. */
    apiSchluessel?: GueltigerSchluessel;
    log: Logger;
    anfrageId: string;
    /** Headers every answer carries (see middleware/sicherheit.ts). */
    koepfe: Record<string, string>;
    koepfeGesetzt: boolean;
  };
}
