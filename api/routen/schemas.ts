import { z } from '@hono/zod-openapi';

export const fehlerSchema = z
  .object({
    fehler: z.object({ code: z.string(), meldung: z.string(), details: z.unknown().optional() }),
  })
  .openapi('Fehler');

/** Exact decimals travel as strings ("1234.56"), declared once with the warehouse's rows. */
export { betrag } from '../../warehouse/index.ts';

export const sozialraumCode = z.enum(['konz', 'schweich', 'hermeskeil', 'saarburg']);

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
