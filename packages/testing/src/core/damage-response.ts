/**
 * Damaged answers for the `truncate` and `malformed` faults. Both keep the
 * status and headers of the real answer, so a client cannot tell from the
 * head alone that something is wrong.
 */

/** The head of `response` announcing the full length, plus only the first half of its bytes. */
export async function truncatedCopy(
  response: Response,
): Promise<{ response: Response; bytes: Uint8Array }> {
  const full = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.set('content-length', String(full.byteLength));
  return {
    response: new Response(null, { status: response.status, headers }),
    bytes: full.slice(0, Math.floor(full.byteLength / 2)),
  };
}

/** A complete answer (correct Content-Length) whose XML or JSON does not parse. */
export async function damageBody(response: Response): Promise<Response> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  const broken = type.includes('json') ? `${cut}]}{"truncated` : `${cut}<</unterminated`;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(broken, { status: response.status, headers });
}
