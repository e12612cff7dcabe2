import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseIncidentReport } from '../report';
import { minimalReport } from '../report-fixture';
import { buildFileDetailsXml, buildReportXml } from './report-xml';

const parser = new XMLParser({
  ignoreAttributes: false,
  preserveOrder: true,
  parseTagValue: false,
});

/** Child element names of the first element named `name`, in document order. */
function childOrder(xml: string, path: string[]): string[] {
  let nodes = parser.parse(xml) as Record<string, unknown>[];
  for (const name of path) {
    const node = nodes.find((n) => name in n);
    nodes = (node?.[name] ?? []) as Record<string, unknown>[];
  }
  return nodes
    .map((n) => Object.keys(n).find((k) => k !== ':@') ?? '')
    .filter((k) => k !== '#text');
}

const full = parseIncidentReport(
  minimalReport({
    incident: {
      type: 'child-sexual-abuse-material',
      occurredAt: '2026-11-25T10:00:00Z',
      escalation: 'ongoing',
      platform: 'Photos',
    },
    urls: [{ url: 'https://platform.example/p/1', thirdPartyHosted: false }],
    reportedAccount: {
      accountId: 'u-1',
      service: 'Photos',
      screenName: 'x',
      displayNames: ['X'],
      profileUrls: ['https://platform.example/u/1'],
      emails: ['u1@mail.example'],
      ips: [
        {
          address: '192.0.2.1',
          at: '2026-11-25T09:00:00Z',
          event: 'login',
          port: 443,
          possibleProxy: false,
        },
      ],
    },
    reporter: {
      person: { email: 'r@platform.example', firstName: 'R', lastName: 'S', phone: '+1 555 0100' },
      contact: { email: 'legal@platform.example' },
      company: 'Platform',
      termsOfService: 'ToS',
      legalUrl: 'https://platform.example/legal',
    },
    additionalInfo: 'context',
  }),
);

// Sequences of the CyberTipline XSD (the subset we write), as in the public documentation.
describe('CyberTipline <report> XML', () => {
  const xml = buildReportXml(full);

  it.each([
    [
      ['report'],
      ['incidentSummary', 'internetDetails', 'reporter', 'personOrUserReported', 'additionalInfo'],
    ],
    [
      ['report', 'incidentSummary'],
      ['incidentType', 'platform', 'escalateToHighPriority', 'incidentDateTime'],
    ],
    [
      ['report', 'reporter'],
      ['reportingPerson', 'contactPerson', 'companyTemplate', 'termsOfService', 'legalURL'],
    ],
    [
      ['report', 'reporter', 'reportingPerson'],
      ['firstName', 'lastName', 'phone', 'email'],
    ],
    [
      ['report', 'personOrUserReported'],
      [
        'personOrUserReportedPerson',
        'espIdentifier',
        'espService',
        'screenName',
        'displayName',
        'profileUrl',
        'ipCaptureEvent',
      ],
    ],
    [
      ['report', 'personOrUserReported', 'ipCaptureEvent'],
      ['ipAddress', 'eventName', 'dateTime', 'possibleProxy', 'port'],
    ],
  ])('writes the children of %j in XSD order', (path, order) => {
    expect(childOrder(xml, path)).toEqual(order);
  });

  it('writes the documentation incident type and the member reference', () => {
    expect(xml).toContain(
      '<incidentType>Child Pornography (possession, manufacture, and distribution)</incidentType>',
    );
    expect(xml).toContain('<additionalInfo>context\n\nMember reference: case-1</additionalInfo>');
  });

  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    const hostile = parseIncidentReport(
      minimalReport({ additionalInfo: '</additionalInfo><x a="1">&\u0001' }),
    );
    const out = buildReportXml(hostile);
    expect(out).toContain('&lt;/additionalInfo&gt;&lt;x a=&quot;1&quot;&gt;&amp;');
    expect(out).not.toContain('\u0001');
    expect(childOrder(out, ['report'])).toEqual(['incidentSummary', 'reporter', 'additionalInfo']);
  });
});

describe('CyberTipline <fileDetails> XML', () => {
  const file = parseIncidentReport(
    minimalReport({
      files: [
        {
          fileKey: 'f',
          fileName: 'a<b>.png',
          hashes: {
            md5: '0123456789abcdef0123456789abcdef',
            sha1: '0123456789abcdef0123456789abcdef01234567',
          },
          matches: [{ list: 'ncmec', algorithm: 'pdq', distance: 12 }],
          viewedByMember: true,
          uploadedAt: '2026-11-25T09:00:00Z',
          locationUrl: 'https://platform.example/f',
          publiclyAvailable: false,
          uploadIp: { address: '2001:db8::1', at: '2026-11-25T09:00:00Z', event: 'upload' },
        },
      ],
    }),
  ).files[0]!;
  const xml = buildFileDetailsXml('4564654', 'file-1', file);

  it('writes children in XSD order', () => {
    expect(childOrder(xml, ['fileDetails'])).toEqual([
      'reportId',
      'fileId',
      'originalFileName',
      'uploadedToEspTimestamp',
      'locationOfFile',
      'fileViewedByEsp',
      'publiclyAvailable',
      'originalFileHash',
      'originalFileHash',
      'ipCaptureEvent',
      'additionalInfo',
    ]);
  });

  it('states fileViewedByEsp exactly as the member did, and describes the match', () => {
    expect(xml).toContain('<fileViewedByEsp>true</fileViewedByEsp>');
    expect(buildFileDetailsXml('1', 'f', { ...file, viewedByMember: false })).toContain(
      '<fileViewedByEsp>false</fileViewedByEsp>',
    );
    expect(xml).toContain(
      '<originalFileHash hashType="MD5">0123456789abcdef0123456789abcdef</originalFileHash>',
    );
    expect(xml).toContain('Matched hash list &quot;ncmec&quot; by pdq at distance 12.');
    expect(xml).toContain('<originalFileName>a&lt;b&gt;.png</originalFileName>');
  });
});
