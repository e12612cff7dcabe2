import type { RouteContext, RouteDefinition } from '../core/route';
import { xmlResponse } from '../core/route';
import { localName, parseXml, type XmlElement } from '../xml/parse-xml';
import { el, renderDocument } from '../xml/write-xml';
import { HASH_SHARING_NAMESPACE, renderQueryResult } from './entries-xml';
import { FINGERPRINT_TYPES, type FingerprintType } from './entry';
import { feedbackReasonsFor } from './feedback-reasons';

/**
 * NCMEC hash-sharing API v2 (`/hashsharing/v2/...`), in the wire format
 * Meta's python-threatexchange client (`exchanges/clients/ncmec/hash_api.py`)
 * parses: it strips the namespace, reads `images`/`videos` with their
 * `maxTimestamp`, each entry's `id`, `member@id`, `classification` and
 * `fingerprints`, and follows `paging/next` relative to the base URL.
 */
export const hashSharingRoutes: RouteDefinition[] = [
  { id: 'hash-sharing.status', method: 'GET', path: '/v2/status', auth: 'basic', handle: status },
  {
    id: 'hash-sharing.members',
    method: 'GET',
    path: '/v2/members',
    auth: 'basic',
    handle: members,
  },
  {
    id: 'hash-sharing.entries',
    method: 'GET',
    path: '/v2/entries',
    auth: 'basic',
    handle: entries,
  },
  {
    id: 'hash-sharing.feedback-reasons',
    method: 'GET',
    path: '/v2/feedback/:type/reasons',
    auth: 'basic',
    handle: reasons,
  },
  {
    id: 'hash-sharing.feedback',
    method: 'PUT',
    path: '/v2/entries/:memberId/:entryId/:type/feedback',
    auth: 'basic',
    handle: submitFeedback,
  },
  {
    id: 'hash-sharing.large-fingerprint',
    method: 'GET',
    path: '/v2/entries/:entryId/fingerprints/:type',
    auth: 'basic',
    handle: largeFingerprint,
  },
];

const badRequest = (why: string) =>
  new Response(`400 Bad Request: ${why}\n`, {
    status: 400,
    headers: { 'content-type': 'text/plain' },
  });
const notFound = (why: string) =>
  new Response(`404 Not Found: ${why}\n`, {
    status: 404,
    headers: { 'content-type': 'text/plain' },
  });

async function status(context: RouteContext): Promise<Response> {
  const { member } = context.config.hashSharing;
  return xmlResponse(
    renderDocument(
      el('status', { xmlns: HASH_SHARING_NAMESPACE }, [
        el('ipAddress', '127.0.0.1'),
        el('username', context.username),
        el('member', { id: member.id }, member.name),
      ]),
    ),
  );
}

async function members(context: RouteContext): Promise<Response> {
  const seen = new Map<number, string>();
  for (const entry of context.state.hashSharingEntries)
    seen.set(entry.member.id, entry.member.name);
  const { member } = context.config.hashSharing;
  seen.set(member.id, member.name);
  const list = [...seen].sort(([a], [b]) => a - b);
  return xmlResponse(
    renderDocument(
      el(
        'members',
        { xmlns: HASH_SHARING_NAMESPACE },
        list.map(([id, name]) => el('member', { id }, name)),
      ),
    ),
  );
}

function parseTime(raw: string | null, fallback: number): number | null {
  if (raw === null || raw === '') return fallback;
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? null : parsed;
}

async function entries(context: RouteContext): Promise<Response> {
  const query = context.url.searchParams;
  const fromRaw = query.get('from') ?? '';
  const toRaw = query.get('to') ?? '';
  const from = parseTime(fromRaw, 0);
  const to = parseTime(toRaw, context.clock.now());
  if (from === null || to === null) return badRequest('from and to must be ISO 8601 date-times');
  const pageSize = context.config.hashSharing.pageSize;
  const start = Number(query.get('start') ?? '1');
  const size = Math.min(Number(query.get('size') ?? String(pageSize)), pageSize);
  if (!Number.isInteger(start) || start < 1 || !Number.isInteger(size) || size < 1) {
    return badRequest('start and size must be positive integers');
  }
  const selected = context.state.hashSharingEntries.filter(
    (entry) => entry.timestamp >= from && entry.timestamp <= to,
  );
  const page = selected.slice(start - 1, start - 1 + size);
  const nextStart = start + size;
  // Same shape as the service's own links: relative to the base URL, from/to echoed URL-encoded.
  const next =
    nextStart <= selected.length
      ? `/v2/entries?from=${encodeURIComponent(fromRaw)}&to=${encodeURIComponent(toRaw)}` +
        `&start=${nextStart}&size=${size}&max=${selected.length}`
      : null;
  return xmlResponse(renderDocument(renderQueryResult(page, next, context.state.feedback)));
}

function fingerprintType(raw: string | undefined): FingerprintType | null {
  const upper = (raw ?? '').toUpperCase();
  return (FINGERPRINT_TYPES as readonly string[]).includes(upper)
    ? (upper as FingerprintType)
    : null;
}

async function reasons(context: RouteContext): Promise<Response> {
  const type = fingerprintType(context.params.type);
  if (!type) return notFound('unknown fingerprint type');
  // python-threatexchange reads `availableFeedbackReasons` as a child of the root.
  return xmlResponse(
    renderDocument(
      el('feedbackReasons', { xmlns: HASH_SHARING_NAMESPACE }, [
        el(
          'availableFeedbackReasons',
          feedbackReasonsFor(type).map((reason) => el('reason', { ...reason })),
        ),
      ]),
    ),
  );
}

async function submitFeedback(context: RouteContext): Promise<Response> {
  const type = fingerprintType(context.params.type);
  if (!type) return notFound('unknown fingerprint type');
  const entry = context.state.hashSharingEntries.find(
    (candidate) =>
      candidate.id === context.params.entryId &&
      String(candidate.member.id) === context.params.memberId,
  );
  if (!entry || entry.deleted) return notFound('no such entry');
  const xml = await context.request.text();
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return badRequest((error as Error).message);
  }
  const vote = root.children[0];
  if (localName(root.name) !== 'feedbackSubmission' || !vote) {
    return badRequest('expected <feedbackSubmission> with <affirmative/> or <negative>');
  }
  const affirmative = localName(vote.name) === 'affirmative';
  const known = feedbackReasonsFor(type);
  const reasonIds = affirmative
    ? []
    : (vote.children.find((c) => localName(c.name) === 'reasonIds')?.children ?? []).map(
        (g) => g.text,
      );
  if (!affirmative && (localName(vote.name) !== 'negative' || reasonIds.length === 0)) {
    return badRequest('negative feedback needs reasonIds/guid');
  }
  if (reasonIds.some((guid) => !known.some((reason) => reason.guid === guid))) {
    return badRequest('unknown feedback reason guid');
  }
  const { member } = context.config.hashSharing;
  context.state.feedback.push({
    entryId: entry.id,
    memberId: member.id,
    memberName: member.name,
    fingerprintType: type,
    affirmative,
    reasonIds,
    reasonNames: Object.fromEntries(known.map((reason) => [reason.guid, reason.name])),
    xml,
  });
  return xmlResponse(renderDocument(el('submissionResult', { xmlns: HASH_SHARING_NAMESPACE }, [])));
}

async function largeFingerprint(context: RouteContext): Promise<Response> {
  const entry = context.state.hashSharingEntries.find((e) => e.id === context.params.entryId);
  const type = fingerprintType(context.params.type);
  if (!entry || !type || !(entry.largeFingerprints ?? []).includes(type)) {
    return notFound('no such fingerprint');
  }
  // Synthetic bytes derived from the id: stable, and the fingerprint of nothing.
  const bytes = new TextEncoder().encode(`synthetic ${type} fingerprint of ${entry.id}\n`);
  return new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } });
}
