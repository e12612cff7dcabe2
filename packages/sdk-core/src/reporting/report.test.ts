import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/is-hashguard-error';
import type { IncidentReportInput } from './report';
import { parseIncidentReport } from './report';
import { minimalReport } from './report-fixture';

function problemOf(input: unknown): string {
  try {
    parseIncidentReport(input);
  } catch (error) {
    if (isHashguardError(error, 'E_REPORT_INVALID')) return error.message;
    throw error;
  }
  return 'valid';
}

describe('incident report model', () => {
  it('accepts a minimal report and fills optional lists', () => {
    const report = parseIncidentReport(minimalReport());
    expect(report.urls).toEqual([]);
    expect(report.files[0]?.viewedByMember).toBe(false);
  });

  it('has no default for viewedByMember: leaving it out is an error, in the type and at runtime', () => {
    const { viewedByMember: _omitted, ...file } = minimalReport().files![0]!;
    // @ts-expect-error viewedByMember is required by the type
    const input: IncidentReportInput = minimalReport({ files: [file] });
    expect(problemOf(input)).toMatch(/files\.0\.viewedByMember/);
  });

  it('requires testData to be stated', () => {
    const { testData: _omitted, ...rest } = minimalReport();
    expect(problemOf(rest)).toMatch(/testData/);
  });

  it.each([
    [
      'an incident time without offset',
      { incident: { type: 'child-sexual-abuse-material', occurredAt: '2026-11-25 10:00' } },
      /incident\.occurredAt/,
    ],
    [
      'an unknown incident type',
      { incident: { type: 'spam', occurredAt: '2026-11-25T10:00:00Z' } },
      /incident\.type/,
    ],
    ['a reporter without email', { reporter: { person: {} } }, /reporter\.person\.email/],
    ['no file and no URL', { files: [], urls: [] }, /at least one file or one URL/],
    [
      'a malformed md5',
      { files: [{ ...minimalReport().files![0]!, hashes: { md5: 'xyz' } }] },
      /hashes\.md5/,
    ],
    [
      'a file without any hash',
      { files: [{ ...minimalReport().files![0]!, hashes: {} }] },
      /at least one hash/,
    ],
    ['a reportKey with spaces', { reportKey: 'case 1' }, /reportKey/],
    [
      'an IP that is not one',
      { reportedAccount: { ips: [{ address: '999.1.1.1', at: '2026-11-25T10:00:00Z' }] } },
      /address/,
    ],
  ])('rejects %s with E_REPORT_INVALID naming the field', (_name, overrides, pattern) => {
    expect(problemOf({ ...minimalReport(), ...overrides })).toMatch(pattern);
  });

  it('rejects duplicate fileKeys', () => {
    const file = minimalReport().files![0]!;
    expect(problemOf(minimalReport({ files: [file, file] }))).toMatch(/fileKey must be unique/);
  });
});
