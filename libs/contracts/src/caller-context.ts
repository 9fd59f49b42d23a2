/** Who is calling, as established by authentication; carried through the request path. */
export interface CallerContext {
  requestId: string;
  apiKeyId: string;
  teamId: string | null;
}
