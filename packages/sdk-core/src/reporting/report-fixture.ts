import type { IncidentReportInput } from './report';

/** A minimal valid test report for unit tests; `overrides` replace top-level fields. */
export function minimalReport(overrides: Partial<IncidentReportInput> = {}): IncidentReportInput {
  return {
    reportKey: 'case-1',
    testData: true,
    incident: { type: 'child-sexual-abuse-material', occurredAt: '2026-11-25T10:00:00Z' },
    files: [
      {
        fileKey: 'f1',
        hashes: { md5: '0123456789abcdef0123456789abcdef' },
        matches: [{ list: 'list-a', algorithm: 'md5' }],
        viewedByMember: false,
      },
    ],
    reporter: { person: { email: 'reviewer@platform.example' } },
    ...overrides,
  };
}
