// The admin API client. The token lives in sessionStorage: gone when the tab closes, never in a cookie.
const TOKEN = 'llmgw.admin.token';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code ?? null;
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  /** The token's claims (not verified here: the API verifies every call). */
  claims() {
    const token = session.token();
    if (!token) return null;
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const claims = JSON.parse(atob(payload));
      return claims.exp && claims.exp * 1000 < Date.now() ? null : claims;
    } catch {
      return null;
    }
  },
  isAdmin: () => session.claims()?.role === 'admin',
  clear: () => sessionStorage.removeItem(TOKEN),
};

let onUnauthorized = () => {};
export function whenSignedOut(handler) {
  onUnauthorized = handler;
}

export async function signIn(email, password) {
  const response = await fetch('/admin/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  sessionStorage.setItem(TOKEN, body.access_token);
}

/** GET (or another method with a JSON body); rejects with ApiError; a 401 signs out. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { authorization: `Bearer ${session.token()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const payload = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.status === 401) {
    session.clear();
    onUnauthorized();
  }
  if (!response.ok) throw new ApiError(response.status, payload);
  return payload;
}

export const query = (params) =>
  new URLSearchParams(Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '')).toString();
