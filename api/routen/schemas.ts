import { z } from '@hono/zod-openapi';
import { SOZIALRAEUME } from '../../warehouse/index.ts';

export const fehlerSchema = z
  .object({
    fehler: z.object({ code: z.string(), meldung: z.string(), details: z.unknown().optional() }),
  })
  .openapi('Fehler');

/** Exact decimals travel as strings ("1234.56"), declared once with the warehouse's rows. */
export { betrag } from '../../warehouse/index.ts';

const klein = (wert: unknown) => (typeof wert === 'string' ? wert.trim().toLowerCase() : wert);
/** A Sozialraum as a caller names it: its code in any case („Konz“ is konz); a wrong one names the four. */
export const sozialraumCode = z.preprocess(klein, z.enum(SOZIALRAEUME));
/** A Sozialraum or the county's total rows (`gesamt`), for figures that have them. */
export const sozialraumOderGesamt = z.preprocess(klein, z.enum([...SOZIALRAEUME, 'gesamt']));

export const jahr = z.coerce.number().int().min(2000).max(2100);

/** A required JSON request body with its schema, as createRoute wants it. */
export const jsonKoerper = <T extends z.ZodTypeAny>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

/**
 * A row schema of the warehouse (plain zod) with its name as an OpenAPI component. The warehouse's schemas are
 * made before @hono/zod-openapi extends zod, so they have no `.openapi` of their own: a copy of the same
 * fields made here has it (and the same type).
 */
export const benannt = <S extends z.ZodRawShape>(name: string, schema: z.ZodObject<S>) =>
  z.object(schema.shape).openapi(name);
