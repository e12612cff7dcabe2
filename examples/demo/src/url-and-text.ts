// URL and keyword list checks (issue 10): a chat message with links and a
// search query, checked against the small synthetic lists in ../data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createEventEmitter,
  createKeywordChecker,
  createUrlChecker,
  type KeywordEventMap,
  parseKeywordList,
  parseUrlList,
  type UrlEventMap,
} from '@hashguard/sdk-core';

const dataDir = join(import.meta.dirname, '..', 'data');

export function runUrlAndTextDemo(): void {
  const events = createEventEmitter<UrlEventMap & KeywordEventMap>();
  events.on('url:checked', (e) =>
    console.log(`  event url:checked ${e.verdict} (${e.urlsChecked} URLs)`),
  );
  events.on('text:checked', (e) => console.log(`  event text:checked ${e.action}`));

  const urlChecker = createUrlChecker({
    lists: [parseUrlList(readFileSync(join(dataDir, 'url-list.txt'), 'utf8'), { id: 'demo-urls' })],
    events,
  });
  const keywordChecker = createKeywordChecker({
    lists: [
      parseKeywordList(readFileSync(join(dataDir, 'keyword-list.csv'), 'utf8'), {
        id: 'demo-keywords',
        action: 'block-search',
      }),
    ],
    events,
  });

  const message =
    'hey, new pics at HXXPS://WWW.pics.demo-bad[.]example/gallery/./7.html#top ' +
    'and files.demo-bad.example/shared/a/b.zip, or the safe one https://ok.example/';
  console.log('\nURL check of a chat message with three links:');
  const messageResult = urlChecker.checkMessage(message);
  console.log(
    `  verdict ${messageResult.verdict}, ${messageResult.urlsChecked} URLs checked, matched entries: ${messageResult.matches.map((m) => `${m.listId}/${m.entryId}`).join(', ')}`,
  );

  console.log('\nKeyword check of search queries:');
  for (const query of ['weather tomorrow', 'z.0.r.b.l.4.t pics', 'QUIMFEX-DRAB']) {
    const result = keywordChecker.checkText(query);
    // The member shows a deterrence message for block-search; the terms themselves are never echoed.
    console.log(
      `  ${JSON.stringify(query)} → ${result.action}${result.matches.length ? ` (${result.matches.map((m) => m.entryId).join(', ')})` : ''}`,
    );
  }
}
