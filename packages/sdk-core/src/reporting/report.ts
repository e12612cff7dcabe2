import { z } from 'zod';
import { ReportError } from '../errors/report-error';
import { memoise } from '../memoise';

/**
 * The platform-neutral incident a member reports. Hotline adapters translate
 * it (CyberTipline XML, generic JSON); nothing here is specific to one hotline.
 */

/** Kinds of incident, after the eight CyberTipline incident types (18 U.S.C. § 2258A(a)(2)). */
export const INCIDENT_TYPES = [
  'child-sexual-abuse-material',
  'child-sex-trafficking',
  'child-sex-tourism',
  'child-sexual-molestation',
  'misleading-domain-name',
  'misleading-words-or-images',
  'online-enticement',
  'unsolicited-obscene-material-to-child',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/**
 * The schemas are built on first use (`memoise`), not at import: the browser
 * worker imports sdk-core for hashing and never validates a report.
 */
function buildReportSchemas() {
  /** ISO 8601 with an offset (hotlines need an unambiguous instant). */
  const isoDateTime = z.iso.datetime({ offset: true });

  const ipEventSchema = z.object({
    address: z.union([z.ipv4(), z.ipv6()]),
    /** When the address was seen. */
    at: isoDateTime,
    event: z.enum(['login', 'registration', 'purchase', 'upload', 'other', 'unknown']).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    possibleProxy: z.boolean().optional(),
  });

  const hashesSchema = z
    .object({
      md5: z.string().regex(/^[0-9a-f]{32}$/),
      sha1: z.string().regex(/^[0-9a-f]{40}$/),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      pdq: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .partial()
    .refine((hashes) => Object.values(hashes).some((value) => value !== undefined), {
      message: 'give at least one hash of the file',
    });

  const matchSchema = z.object({
    /** Name of the hash list that matched (e.g. `ncmec-hashsharing`). */
    list: z.string().min(1).max(200),
    algorithm: z.enum(['md5', 'sha1', 'sha256', 'pdq', 'photodna', 'other']),
    /** Hamming distance for perceptual matches; 0 or absent for exact ones. */
    distance: z.number().int().min(0).optional(),
    /** The list entry's own identifier, when the list gives one. */
    entryId: z.string().max(200).optional(),
  });

  const fileSchema = z.object({
    /** The member's reference to the bytes; `loadFile` receives it to fetch them at upload time. */
    fileKey: z.string().min(1).max(500),
    fileName: z.string().min(1).max(2056).optional(),
    contentType: z.string().min(1).max(200).optional(),
    hashes: hashesSchema,
    /** How the file was flagged; empty when a person flagged it without a list match. */
    matches: z.array(matchSchema),
    /**
     * Whether a person at the member looked at this file before reporting. No
     * default on purpose: hotlines and law enforcement act differently on files
     * a person has seen (for NCMEC, a file not viewed by the provider may need a
     * warrant before law enforcement opens it), so an automated path must say
     * `false` and only a human review may say `true`.
     */
    viewedByMember: z.boolean(),
    uploadedAt: isoDateTime.optional(),
    /** Where the file was hosted on the member's service. */
    locationUrl: z.url().max(2083).optional(),
    publiclyAvailable: z.boolean().optional(),
    /** The IP the file was uploaded from. */
    uploadIp: ipEventSchema.optional(),
  });

  const personSchema = z.object({
    firstName: z.string().min(1).max(100).optional(),
    lastName: z.string().min(1).max(100).optional(),
    email: z.email().max(255).optional(),
    phone: z.string().min(1).max(50).optional(),
  });

  const reportedAccountSchema = z.object({
    /** The member's stable account id. */
    accountId: z.string().min(1).max(255).optional(),
    /** The member's product the account belongs to (CyberTipline `espService`). */
    service: z.string().min(1).max(100).optional(),
    screenName: z.string().min(1).max(256).optional(),
    displayNames: z.array(z.string().min(1).max(256)).default([]),
    profileUrls: z.array(z.url().max(2083)).default([]),
    emails: z.array(z.email().max(255)).default([]),
    ips: z.array(ipEventSchema).default([]),
    person: personSchema.optional(),
  });

  const reporterSchema = z.object({
    /** The person filing the report; hotlines require a reachable email. */
    person: personSchema.extend({ email: z.email().max(255) }),
    /** Who a hotline should contact about the report, if not the reporting person. */
    contact: personSchema.optional(),
    /** The member's registered company name (CyberTipline `companyTemplate`). */
    company: z.string().min(1).max(500).optional(),
    termsOfService: z.string().min(1).max(10_000).optional(),
    legalUrl: z.url().max(2083).optional(),
  });

  const incidentReportSchema = z
    .object({
      /**
       * The member's stable key for this incident (e.g. its moderation case id).
       * Forwarding the same key twice queues one report; it is also written into
       * the report so a person can find it at the hotline.
       */
      reportKey: z
        .string()
        .min(1)
        .max(200)
        .regex(/^[A-Za-z0-9._:-]+$/),
      incident: z.object({
        type: z.enum(INCIDENT_TYPES),
        occurredAt: isoDateTime,
        /** ISO 3166-1 alpha-2 country whose law the report is made under (routing). */
        country: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional(),
        /** Urgent risk to a child, in words; hotlines escalate on it. */
        escalation: z.string().min(1).max(3000).optional(),
        platform: z.string().min(1).max(256).optional(),
      }),
      reportedAccount: reportedAccountSchema.optional(),
      files: z.array(fileSchema).default([]),
      /** Web pages where the material was seen (URL-only hotlines report these). */
      urls: z
        .array(z.object({ url: z.url().max(2083), thirdPartyHosted: z.boolean().optional() }))
        .default([]),
      reporter: reporterSchema,
      additionalInfo: z.string().min(1).max(50_000).optional(),
      /**
       * True for test reports. Required, so nobody sends a test report to a
       * production hotline by omission; production adapters refuse `true`.
       */
      testData: z.boolean(),
    })
    .refine((report) => report.files.length > 0 || report.urls.length > 0, {
      message: 'a report needs at least one file or one URL',
      path: ['files'],
    })
    .refine((report) => new Set(report.files.map((f) => f.fileKey)).size === report.files.length, {
      message: 'fileKey must be unique within a report',
      path: ['files'],
    });
  return { report: incidentReportSchema, ipEvent: ipEventSchema, person: personSchema };
}

type ReportSchemas = ReturnType<typeof buildReportSchemas>;
const reportSchemas = /* @__PURE__ */ memoise(buildReportSchemas);

/** The zod schema of an incident report (what `parseIncidentReport` checks). */
export function getIncidentReportSchema(): ReportSchemas['report'] {
  return reportSchemas().report;
}

/** A report as the member writes it (optional lists may be left out). */
export type IncidentReportInput = z.input<ReportSchemas['report']>;
/** A validated report, lists filled in. */
export type IncidentReport = z.output<ReportSchemas['report']>;
export type ReportFile = IncidentReport['files'][number];
export type IpEvent = z.output<ReportSchemas['ipEvent']>;
export type ReportPerson = z.output<ReportSchemas['person']>;

/** Validates a report; throws `ReportError` `E_REPORT_INVALID` listing every problem. */
export function parseIncidentReport(input: unknown): IncidentReport {
  const result = getIncidentReportSchema().safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(report)'}: ${issue.message}`)
    .join('; ');
  throw new ReportError('E_REPORT_INVALID', `The report is invalid: ${problems}`, {
    cause: result.error,
  });
}
