import type { Dienste } from './dienste.ts';

/** An audit row, written under the writer's lock so that it never lands inside someone else's transaction. */
export async function protokolliere(d: Dienste, benutzer: string, aktion: string, objekt: string | null, details: string | null): Promise<void> {
  await d.sperre.exklusiv(() => d.schreiber.ausfuehren(
    'INSERT INTO audit (benutzer, aktion, objekt, details) VALUES ($b, $a, $o, $d)', { b: benutzer, a: aktion, o: objekt, d: details },
  ));
}
