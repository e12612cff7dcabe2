import { XMLBuilder } from 'fast-xml-parser';
import { memoise } from '../../memoise';
import type { IncidentReport, IncidentType, IpEvent, ReportFile, ReportPerson } from '../report';

/**
 * `<report>` and `<fileDetails>` documents of the CyberTipline Reporting API.
 * Children are written in XSD `xs:sequence` order (NCMEC rejects a document
 * whose elements are out of order with responseCode 4100); fast-xml-parser
 * writes object keys in insertion order, so each object below lists its keys
 * in schema order, and `undefined` keys are left out. Every text and
 * attribute value is escaped by the builder.
 */

/** Created on first use (`memoise`), so bundles that never write a report drop it. */
const xmlBuilder = /* @__PURE__ */ memoise(
  () =>
    new XMLBuilder({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      suppressEmptyNode: true,
      // fast-xml-parser writes a `true` attribute bare (`<x flag>`) by default,
      // which is not well-formed XML; CyberTipline wants `flag="true"`.
      suppressBooleanAttributes: false,
      format: false,
    }),
);

const XML_DECLARATION = { '@_version': '1.0', '@_encoding': 'UTF-8' };

/** The documentation's incident type strings, verbatim. */
const INCIDENT_TYPE_NAMES: Record<IncidentType, string> = {
  'child-sexual-abuse-material': 'Child Pornography (possession, manufacture, and distribution)',
  'child-sex-trafficking': 'Child Sex Trafficking',
  'child-sex-tourism': 'Child Sex Tourism',
  'child-sexual-molestation': 'Child Sexual Molestation',
  'misleading-domain-name': 'Misleading Domain Name',
  'misleading-words-or-images': 'Misleading Words or Digital Images on the Internet',
  'online-enticement': 'Online Enticement of Children for Sexual Acts',
  'unsolicited-obscene-material-to-child': 'Unsolicited Obscene Material Sent to a Child',
};

const IP_EVENT_NAMES = {
  login: 'Login',
  registration: 'Registration',
  purchase: 'Purchase',
  upload: 'Upload',
  other: 'Other',
  unknown: 'Unknown',
} as const;

const HASH_TYPES = { md5: 'MD5', sha1: 'SHA1', sha256: 'SHA256', pdq: 'PDQ' } as const;

/** XML 1.0 cannot carry most C0 control characters, even escaped; drop them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing exactly these is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
function clean(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.replace(XML_INVALID, '');
}

function person(p: ReportPerson | undefined, extraEmails: readonly string[] = []) {
  const emails = [...(p?.email ? [p.email] : []), ...extraEmails];
  if (!p && emails.length === 0) return undefined;
  return {
    firstName: clean(p?.firstName),
    lastName: clean(p?.lastName),
    phone: p?.phone ? [clean(p.phone)] : undefined,
    email: emails.length > 0 ? emails.map(clean) : undefined,
  };
}

function ipCaptureEvent(event: IpEvent) {
  return {
    ipAddress: event.address,
    eventName: event.event ? IP_EVENT_NAMES[event.event] : undefined,
    dateTime: event.at,
    possibleProxy: event.possibleProxy,
    port: event.port,
  };
}

export interface ReportXmlOptions {
  /** Written into additionalInfo so a person can find the report at NCMEC by the member's key. */
  memberReferenceLabel?: string;
}

/** The `<report>` document `POST /submit` opens a report with. */
export function buildReportXml(report: IncidentReport, options: ReportXmlOptions = {}): string {
  const account = report.reportedAccount;
  const label = options.memberReferenceLabel ?? 'Member reference';
  const additionalInfo = [report.additionalInfo, `${label}: ${report.reportKey}`]
    .filter((part): part is string => part !== undefined)
    .join('\n\n');
  const urlGroups = [true, false, undefined].map((thirdParty) =>
    report.urls.filter((u) => u.thirdPartyHosted === thirdParty),
  );
  const doc = {
    '?xml': XML_DECLARATION,
    report: {
      incidentSummary: {
        incidentType: INCIDENT_TYPE_NAMES[report.incident.type],
        platform: clean(report.incident.platform),
        escalateToHighPriority: clean(report.incident.escalation),
        incidentDateTime: report.incident.occurredAt,
      },
      internetDetails: urlGroups
        .filter((group) => group.length > 0)
        .map((group) => ({
          webPageIncident: {
            '@_thirdPartyHostedContent': group[0]?.thirdPartyHosted,
            url: group.map((u) => clean(u.url)),
          },
        })),
      reporter: {
        reportingPerson: person(report.reporter.person),
        contactPerson: person(report.reporter.contact),
        companyTemplate: clean(report.reporter.company),
        termsOfService: clean(report.reporter.termsOfService),
        legalURL: clean(report.reporter.legalUrl),
      },
      personOrUserReported: account
        ? {
            personOrUserReportedPerson: person(account.person, account.emails),
            espIdentifier: clean(account.accountId),
            espService: clean(account.service),
            screenName: clean(account.screenName),
            displayName: account.displayNames.length ? account.displayNames.map(clean) : undefined,
            profileUrl: account.profileUrls.length ? account.profileUrls.map(clean) : undefined,
            ipCaptureEvent: account.ips.length ? account.ips.map(ipCaptureEvent) : undefined,
          }
        : undefined,
      additionalInfo: clean(additionalInfo),
    },
  };
  return xmlBuilder().build(doc);
}

function describeMatches(file: ReportFile): string[] {
  return file.matches.map((match) => {
    const distance = match.distance === undefined ? '' : ` at distance ${match.distance}`;
    const entry = match.entryId ? ` (entry ${match.entryId})` : '';
    return (
      clean(`Matched hash list "${match.list}" by ${match.algorithm}${distance}${entry}.`) ?? ''
    );
  });
}

/** The `<fileDetails>` document `POST /fileinfo` describes one uploaded file with. */
export function buildFileDetailsXml(
  hotlineReportId: string,
  fileId: string,
  file: ReportFile,
): string {
  const hashes = Object.entries(file.hashes).filter(
    (entry): entry is [keyof typeof HASH_TYPES, string] => entry[1] !== undefined,
  );
  const info = describeMatches(file);
  const doc = {
    '?xml': XML_DECLARATION,
    fileDetails: {
      reportId: hotlineReportId,
      fileId,
      originalFileName: clean(file.fileName),
      uploadedToEspTimestamp: file.uploadedAt,
      locationOfFile: clean(file.locationUrl),
      // Always written, from the member's explicit answer: never inferred.
      fileViewedByEsp: file.viewedByMember,
      publiclyAvailable: file.publiclyAvailable,
      originalFileHash: hashes.map(([type, value]) => ({
        '@_hashType': HASH_TYPES[type],
        '#text': value,
      })),
      ipCaptureEvent: file.uploadIp ? ipCaptureEvent(file.uploadIp) : undefined,
      additionalInfo: info.length ? info : undefined,
    },
  };
  return xmlBuilder().build(doc);
}
