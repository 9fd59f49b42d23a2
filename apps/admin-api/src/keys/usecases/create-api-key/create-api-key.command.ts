import { z } from 'zod';

export const createApiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(200),
  team_id: z.uuid().nullish(),
});

export interface CreateApiKeyCommand {
  name: string;
  teamId: string | null;
  /** Who asked, for the audit trail (the admin's email). */
  createdBy: string;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  /** The secret: returned by this call only, never stored. */
  key: string;
  display_prefix: string;
  team_id: string | null;
  created_at: string;
}
