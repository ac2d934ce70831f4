import { excelFuer } from './excel.ts';
import type { Mappe } from './zustand.ts';

// Office, Excel and CustomFunctions as the add-in sees them inside Excel, over a workbook of the double.

type Ergebnis = number | { code: string; message?: string };

export interface Funktionsaufruf {
  /** Every result the cell got, the newest last. */
  ergebnisse: Ergebnis[];
  abbrechen(): void;
}

export interface Host {
  /** Ribbon commands by FunctionName, as Office.actions.associate registered them. */
  befehle: Map<string, (e: { completed(): void }) => void>;
  /** Custom functions by id, as CustomFunctions.associate registered them. */
  funktionen: Map<string, (...a: unknown[]) => void>;
  rufe(id: string, argumente: unknown[]): Funktionsaufruf;
  befehl(name: string): Promise<void>;
}

export function installiere(ziel: Record<string, unknown>, mappe: Mappe, sprache = 'de-DE'): Host {
  const befehle = new Map<string, (e: { completed(): void }) => void>();
  const funktionen = new Map<string, (...a: unknown[]) => void>();
  class FunktionsFehler {
    constructor(
      readonly code: string,
      readonly message?: string,
    ) {}
  }
  ziel.Excel = { ...excelFuer(mappe) };
  ziel.CustomFunctions = {
    associate: (id: string, f: (...a: unknown[]) => void) => {
      funktionen.set(id, f);
    },
    Error: FunktionsFehler,
    ErrorCode: {
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
    },
  };
  ziel.Office = {
    HostType: { Excel: 'Excel' },
    onReady: async () => ({ host: 'Excel', platform: 'OfficeOnline' }),
    context: { displayLanguage: sprache, requirements: { isSetSupported: () => true } },
    actions: {
      associate: (name: string, f: (e: { completed(): void }) => void) => {
        befehle.set(name, f);
      },
    },
    addin: { showAsTaskpane: async () => {} },
  };
  return {
    befehle,
    funktionen,
    rufe(id, argumente) {
      const f = funktionen.get(id);
      if (!f) throw new Error(`Funktion ${id} ist nicht registriert`);
      const aufruf = {
        ergebnisse: [] as Ergebnis[],
        onCanceled: undefined as undefined | (() => void),
        setResult(w: Ergebnis) {
          aufruf.ergebnisse.push(w instanceof FunktionsFehler ? { code: w.code, message: w.message } : w);
        },
        abbrechen() {
          aufruf.onCanceled?.();
        },
      };
      f(...argumente, aufruf);
      return aufruf;
    },
    befehl(name) {
      const f = befehle.get(name);
      if (!f) throw new Error(`Befehl ${name} ist nicht registriert`);
      return new Promise<void>((fertig) => f({ completed: fertig }));
    },
  };
}
