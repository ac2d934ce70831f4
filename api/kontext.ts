import type { Logger } from 'pino';
import type { Benutzer } from '../warehouse/index.ts';

/** What middleware puts into each request's context. */
export interface ApiUmgebung {
  Variables: {
    benutzer: Benutzer;
    log: Logger;
    anfrageId: string;
    /** Headers every answer carries (see middleware/sicherheit.ts). */
    koepfe: Record<string, string>;
    koepfeGesetzt: boolean;
  };
}
