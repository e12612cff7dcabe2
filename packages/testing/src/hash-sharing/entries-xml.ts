import type { ReceivedFeedback } from '../state';
import { el, type XmlNode, type XmlTree } from '../xml/write-xml';
import type { HashSharingEntry } from './entry';

export const HASH_SHARING_NAMESPACE = 'https://hashsharing.ncmec.org/hashsharing/v2';

/**
 * The wire timestamp: `yyyy-MM-ddTHH:mm:ssZ`, no fraction. Meta's
 * python-threatexchange client parses `maxTimestamp` with exactly
 * `%Y-%m-%dT%H:%M:%SZ`, so a fraction would break it.
 */
export function wireTimestamp(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}

/**
 * `<queryResult>` for one page. Element order inside entries follows the
 * service's documented examples: member, timestamp, id, classification,
 * fingerprints, feedback; tombstones carry member, id, timestamp.
 */
export function renderQueryResult(
  page: readonly HashSharingEntry[],
  next: string | null,
  feedback: readonly ReceivedFeedback[],
): XmlTree {
  const group = (type: 'image' | 'video', wrapper: string): XmlNode => {
    const items = page.filter((entry) => entry.type === type);
    if (items.length === 0) return null;
    const maxTimestamp = Math.max(...items.map((entry) => entry.timestamp));
    return el(
      wrapper,
      { count: items.length, maxTimestamp: wireTimestamp(maxTimestamp) },
      items.map((entry) => renderEntry(entry, feedback)),
    );
  };
  return el('queryResult', { xmlns: HASH_SHARING_NAMESPACE }, [
    group('image', 'images'),
    group('video', 'videos'),
    next !== null && el('paging', [el('next', next)]),
  ]);
}

function member(entry: HashSharingEntry): XmlTree {
  return el('member', { id: entry.member.id }, entry.member.name);
}

function renderEntry(entry: HashSharingEntry, feedback: readonly ReceivedFeedback[]): XmlTree {
  if (entry.deleted) {
    const name = entry.type === 'image' ? 'deletedImage' : 'deletedVideo';
    return el(name, [
      member(entry),
      el('id', entry.id),
      el('timestamp', wireTimestamp(entry.timestamp)),
    ]);
  }
  const inline = Object.entries(entry.fingerprints).map(([name, value]) => el(name, value));
  // Large fingerprints are links (`<tmk-pdqf rel="self" href=".../TMK_PDQF"/>`), with no text;
  // python-threatexchange skips fingerprint elements without text.
  const links = (entry.largeFingerprints ?? []).map((type) =>
    el(type.toLowerCase().replace(/_/g, '-'), {
      rel: 'self',
      href: `/v2/entries/${encodeURIComponent(entry.id)}/fingerprints/${type}`,
    }),
  );
  return el(entry.type, [
    member(entry),
    el('timestamp', wireTimestamp(entry.timestamp)),
    el('id', entry.id),
    entry.classification !== undefined && el('classification', entry.classification),
    el('fingerprints', [...inline, ...links]),
    renderFeedback(entry, feedback),
  ]);
}

function renderFeedback(entry: HashSharingEntry, all: readonly ReceivedFeedback[]): XmlNode {
  const mine = all.filter((item) => item.entryId === entry.id);
  if (mine.length === 0) return null;
  const who = (item: ReceivedFeedback) =>
    el('members', [el('member', { id: item.memberId }, item.memberName)]);
  return el(
    'feedback',
    mine.map((item) =>
      item.affirmative
        ? el('affirmativeFeedback', { type: item.fingerprintType }, [who(item)])
        : el('negativeFeedback', { type: item.fingerprintType }, [
            // python-threatexchange reads `reasons` as alternating <reason>, <members> pairs.
            el(
              'reasons',
              item.reasonIds.flatMap((guid) => [
                el('reason', {
                  guid,
                  name: item.reasonNames[guid] ?? guid,
                  type: item.fingerprintType,
                }),
                who(item),
              ]),
            ),
          ]),
    ),
  );
}
