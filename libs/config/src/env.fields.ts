import { z } from 'zod';

// Reusable field shapes: environment values are strings, so numbers and booleans are parsed
// strictly ("yes" is not a boolean, "80a" is not a port).
export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');
export const url = (fallback: string) => z.url().default(fallback);
export const optionalSecret = () => z.string().min(1).optional();
