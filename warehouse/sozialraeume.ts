/**
 * The county's four Sozialräume by code (docs/regeln.md §1), as `reference/sozialraeume.csv` lists them:
 * what a caller may name in a request. `test/sozialraeume.test.ts` holds the two to each other.
 */
export const SOZIALRAEUME = ['konz', 'schweich', 'hermeskeil', 'saarburg'] as const;
export type Sozialraum = (typeof SOZIALRAEUME)[number];
