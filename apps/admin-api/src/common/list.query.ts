import type { Page } from '@llmgw/accounts';
import { z } from 'zod';

/** limit/offset, the same on every list of the admin API. */
export const paginationShape = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
};

/** Query strings carry booleans as text; anything but true/false is a 400. */
export const queryBoolean = () =>
  z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'));

export interface ListResponse<T> {
  object: 'list';
  data: T[];
  total: number;
  limit: number;
  offset: number;
  has_more: boolean;
}

export function listResponse<E, T>(page: Page<E>, request: { limit: number; offset: number }, present: (item: E) => T): ListResponse<T> {
  return {
    object: 'list',
    data: page.items.map(present),
    total: page.total,
    limit: request.limit,
    offset: request.offset,
    has_more: request.offset + page.items.length < page.total,
  };
}
