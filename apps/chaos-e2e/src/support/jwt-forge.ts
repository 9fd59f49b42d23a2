import { createHmac, createSign, type KeyObject } from 'node:crypto';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The claims of a token, unverified (an attacker can read any token). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** HS256 over any secret: a guessed one, the real one, or a public key's PEM text (key confusion). */
export function signHs256(claims: Record<string, unknown>, secret: string | Buffer): string {
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export function signRs256(claims: Record<string, unknown>, privateKey: KeyObject): string {
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
}

/** `alg: none`, with and without the trailing dot. */
export function unsigned(claims: Record<string, unknown>): string[] {
  const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`;
  return [`${token}.`, token, `${b64({ alg: 'None', typ: 'JWT' })}.${b64(claims)}.`];
}
