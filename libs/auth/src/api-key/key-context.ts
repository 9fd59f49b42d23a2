import type { KeyPolicy } from '@llmgw/contracts';

/** What the gateway knows about an authenticated caller's key. */
export interface KeyContext {
  apiKeyId: string;
  teamId: string | null;
  keyPrefix: string;
  policy: KeyPolicy;
}
