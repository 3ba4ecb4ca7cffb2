/** Opaque tokens (list cursors, change tokens): base64url JSON, so clients treat them as strings. */

export function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** The decoded value, or undefined when the token is not one of ours. */
export function decodeToken(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
