import { createHmac, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'sk-llmgw-';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 40; // 40 base62 chars ≈ 238 bits
const DISPLAY_PREFIX_LENGTH = 12;
// Bytes >= 248 are dropped so every character is equally likely (248 = 4 * 62).
const UNBIASED_LIMIT = 248;

/** A fresh secret: `sk-llmgw-` + 40 base62 characters from the CSPRNG. */
export function generateApiKeySecret(): string {
  let body = '';
  while (body.length < RANDOM_LENGTH) {
    for (const byte of randomBytes(RANDOM_LENGTH)) {
      if (byte < UNBIASED_LIMIT && body.length < RANDOM_LENGTH) body += BASE62[byte % 62];
    }
  }
  return API_KEY_PREFIX + body;
}

/** The stored form of a key: HMAC-SHA256 hex, so a leaked table alone cannot be brute-forced. */
export function hashApiKey(secret: string, hashSecret: string): string {
  return createHmac('sha256', hashSecret).update(secret, 'utf8').digest('hex');
}

/** What admins see to recognise a key, e.g. `sk-llmgw-AbC`. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_PREFIX_LENGTH);
}
