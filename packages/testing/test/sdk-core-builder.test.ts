import {
  buildFileDetailsXml,
  buildReportXml,
  INCIDENT_TYPES,
  type IncidentReportInput,
  parseIncidentReport,
} from '@hashguard/sdk-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILE_DETAILS_SCHEMA, REPORT_SCHEMA } from '../src/cybertipline/schema';
import { validateDocument } from '../src/cybertipline/validate-document';
import { parseXml } from '../src/xml/parse-xml';

// Acceptance of issue 6: the XSD-order check accepts every report our own
// builder (sdk-core's buildReportXml / buildFileDetailsXml) produces. The
// reports are generated with every optional part present or absent.
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== '');
const ip = fc.record({
  address: fc.ipV4(),
  at: fc.constant('2026-11-25T10:00:00Z'),
  event: maybe(fc.constantFrom('login', 'registration', 'purchase', 'upload', 'other', 'unknown')),
  port: maybe(fc.integer({ min: 1, max: 65535 })),
  possibleProxy: maybe(fc.boolean()),
});
const person = fc.record({
  firstName: maybe(text),
  lastName: maybe(text),
  email: maybe(fc.constant('someone@platform.example')),
  phone: maybe(fc.constant('+1 555 0100')),
});
const file = fc.record({
  fileKey: fc.uuid(),
  fileName: maybe(text),
  hashes: fc.record({
    md5: fc.constant('0123456789abcdef0123456789abcdef'),
    sha256: maybe(fc.constant('ab'.repeat(32))),
    pdq: maybe(fc.constant('cd'.repeat(32))),
  }),
  matches: fc.constant([{ list: 'list-a', algorithm: 'md5' }]).map((m) => [...m]),
  viewedByMember: fc.boolean(),
  uploadedAt: maybe(fc.constant('2026-11-25T09:00:00Z')),
  locationUrl: maybe(fc.constant('https://platform.example/f/1')),
  publiclyAvailable: maybe(fc.boolean()),
  uploadIp: maybe(ip),
});
const report: fc.Arbitrary<IncidentReportInput> = fc.record({
  reportKey: fc.constant('case-1'),
  testData: fc.constant(true),
  incident: fc.record({
    type: fc.constantFrom(...INCIDENT_TYPES),
    occurredAt: fc.constant('2026-11-25T10:00:00Z'),
    escalation: maybe(text),
    platform: maybe(text),
  }),
  reportedAccount: maybe(
    fc.record({
      accountId: maybe(text),
      service: maybe(text),
      screenName: maybe(text),
      displayNames: fc.array(text, { maxLength: 2 }),
      profileUrls: fc.array(fc.constant('https://platform.example/u/1'), { maxLength: 2 }),
      emails: fc.array(fc.constant('user@platform.example'), { maxLength: 2 }),
      ips: fc.array(ip, { maxLength: 2 }),
      person: maybe(person),
    }),
  ),
  files: fc.array(file, { minLength: 1, maxLength: 2 }),
  urls: fc.array(
    fc.record({
      url: fc.constant('https://platform.example/p/1'),
      thirdPartyHosted: maybe(fc.boolean()),
    }),
    { maxLength: 2 },
  ),
  reporter: fc.record({
    person: fc.record({ email: fc.constant('reviewer@platform.example'), firstName: maybe(text) }),
    contact: maybe(person),
    company: maybe(text),
    termsOfService: maybe(text),
    legalUrl: maybe(fc.constant('https://platform.example/legal')),
  }),
  additionalInfo: maybe(text),
});

describe("sdk-core's CyberTipline builder against the mock's schema", () => {
  it('produces only reports and file details the XSD-order check accepts', () => {
    fc.assert(
      fc.property(report, (input) => {
        const parsed = parseIncidentReport(input);
        expect(validateDocument(parseXml(buildReportXml(parsed)), REPORT_SCHEMA)).toBeNull();
        for (const [index, each] of parsed.files.entries()) {
          const details = buildFileDetailsXml('4564654', `file${index}`, each);
          expect(validateDocument(parseXml(details), FILE_DETAILS_SCHEMA)).toBeNull();
        }
      }),
      { numRuns: 200, seed: 6 },
    );
  });
});
