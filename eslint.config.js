// Lint: typescript-eslint's recommended rules, plus the house's rules (docs/architektur.md) as rules, so
// that a reach into another module's internals, raw SQL outside the warehouse or a claimed type fails CI
// instead of waiting for a review.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const MODULE = ['warehouse', 'api', 'addin', 'cli', 'berichte', 'grafiken', 'demo', 'format', 'bau'];

/**
 * Which top-level module may import which, and only through its index.ts (its public surface).
 * Everything not listed is forbidden: the picture in docs/architektur.md, as rules.
 */
const ERLAUBT = {
  format: [],
  grafiken: ['format'],
  warehouse: ['format'],
  demo: ['warehouse'],
  berichte: ['warehouse', 'grafiken', 'format'],
  api: ['warehouse', 'berichte', 'grafiken', 'format'],
  cli: ['warehouse', 'api', 'berichte', 'grafiken', 'demo', 'bau', 'format'],
  bau: ['addin', 'format'],
  // The add-in runs in the browser and speaks HTTP: of the API only its types (see below).
  addin: ['format'],
};

const zonen = Object.entries(ERLAUBT)
  .flatMap(([modul, darf]) =>
    MODULE.filter((m) => m !== modul).map((m) =>
      darf.includes(m)
        ? {
            target: `./${modul}`,
            from: `./${m}`,
            except: ['./index.ts'],
            message: `${modul} importiert ${m} nur über ${m}/index.ts.`,
          }
        : {
            target: `./${modul}`,
            from: `./${m}`,
            message: `${modul} darf ${m} nicht importieren (docs/architektur.md).`,
          },
    ),
  )
  .filter((z) => !(z.target === './addin' && z.from === './api'));

const KEIN_AS_UNKNOWN = {
  selector: "TSAsExpression > TSAsExpression[typeAnnotation.type='TSUnknownKeyword']",
  message: 'Kein „as unknown as“: den Typ prüfen (zod, Typwächter) statt ihn zu behaupten.',
};
// Raw SQL leaves the warehouse only as the analysts' sandboxed path.
const KEIN_ROHES_SQL = {
  selector: 'CallExpression[callee.property.name=/^(abfrage|wert|ausfuehren|transaktion)$/]',
  message: 'Rohes SQL nur im Warehouse: eine benannte Operation aus warehouse/index.ts benutzen (docs/architektur.md).',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'addin/dist/**', 'data/**', 'tmp/**', 'tools/**', '**/*.cjs', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': ['error', { zones: zonen }],
    },
  },
  // Product code: no claimed types; outside the warehouse no raw SQL. (Tests may poke at doubles.)
  { files: ['warehouse/**/*.ts'], rules: { 'no-restricted-syntax': ['error', KEIN_AS_UNKNOWN] } },
  {
    files: MODULE.filter((m) => m !== 'warehouse').map((m) => `${m}/**/*.ts`),
    rules: { 'no-restricted-syntax': ['error', KEIN_AS_UNKNOWN, KEIN_ROHES_SQL] },
  },
  {
    files: ['addin/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../api/**', '../../../api/**', '../../api', '../../../api'],
              allowTypeImports: true,
              message: 'Das Add-in spricht nur HTTP: von der API nur Typen (import type).',
            },
          ],
        },
      ],
    },
  },
);
