import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A sub-command of srb: its help text and what it does with its parsed arguments. Returns the exit code. */
export interface Befehl {
  name: string;
  hilfe: string;
  optionen: NonNullable<ParseArgsConfig['options']>;
  fuehreAus(werte: Record<string, string | boolean | string[] | undefined>, positionen: string[]): Promise<number>;
}

export const dbOption = { db: { type: 'string' as const, default: './data/warehouse.duckdb' } };

export function parse(befehl: Befehl, argumente: string[]) {
  return parseArgs({
    args: argumente,
    options: { ...befehl.optionen, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
}
