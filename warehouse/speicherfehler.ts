import { WarehouseFehler } from './fehler.ts';

/**
 * A full disk or a file the process may not write, told as what it is: the operator has to act, and
 * a bare "internal error" hides that. Undefined for every other error.
 */
export function speicherFehler(e: unknown, pfad?: string): WarehouseFehler | undefined {
  const text = String((e as Error)?.message ?? e);
  const code = (e as NodeJS.ErrnoException)?.code;
  const wo = pfad ? ` (${pfad})` : '';
  if (
    code === 'ENOSPC' ||
    code === 'EDQUOT' ||
    /No space left on device|Disk quota exceeded|could not allocate.*disk|not enough space/i.test(text)
  ) {
    return new WarehouseFehler(
      'speicher_voll',
      `Der Datenträger ist voll${wo}: nichts wurde gespeichert, der letzte Stand ist unverändert. Bitte Platz schaffen (Betrieb) und dann noch einmal versuchen.`,
    );
  }
  if (
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    /read-only mode|Read-only file system|Permission denied/i.test(text)
  )
    return schreibgeschuetzt(pfad);
  return undefined;
}

export function schreibgeschuetzt(pfad?: string): WarehouseFehler {
  return new WarehouseFehler(
    'warehouse_schreibgeschuetzt',
    `Das Warehouse ist schreibgeschützt${pfad ? ` (${pfad})` : ''}: die Datei oder ihr Ordner darf von diesem Prozess nicht geschrieben werden (Dateirechte oder schreibgeschützter Datenträger). Lesen geht weiter; Laden, Prognosen und Benutzer ändern erst, wenn die Rechte stimmen.`,
  );
}
