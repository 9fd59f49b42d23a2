import { send } from './http';

/** Logs in to the admin API and returns the bearer token. */
export async function adminToken(adminUrl: string, email: string, password: string): Promise<string> {
  const login = await send(`${adminUrl}/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (login.status !== 200) throw new Error(`login failed with ${login.status}: ${login.text}`);
  return (JSON.parse(login.text) as { access_token: string }).access_token;
}

/** A JSON call to the admin API with a bearer token; the body parsed when it is JSON. */
export async function adminCall<T = Record<string, unknown>>(
  adminUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const answer = await send(`${adminUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let parsed: unknown = answer.text;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    // Not JSON (CSV, HTML): the caller reads text.
  }
  return { status: answer.status, body: parsed as T };
}
