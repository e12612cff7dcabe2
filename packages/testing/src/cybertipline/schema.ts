import { type ElementSpec, many, one, optional, type ValueType } from './schema-types';

/**
 * The subset of the CyberTipline report schema this mock accepts, as data.
 *
 * Element names, nesting and order follow NCMEC's public "CyberTipline
 * Reporting API Technical Documentation" (the `report` and `fileDetails`
 * documents; the live XSD is `GET /ispws/xsd`). Children are listed in XSD
 * `xs:sequence` order: the real service rejects a document whose elements
 * are out of order, and so does the mock. Elements of the real schema that
 * are not listed here (batchedReport, lawEnforcement, victim,
 * intendedRecipient, address, deviceId, details, ...) are rejected by the
 * mock as unsupported, so a builder cannot silently rely on them.
 *
 * The report builder in sdk-core is written against this file: keep it
 * readable, keep the order explicit.
 */

const text = (maxLength?: number): ValueType =>
  maxLength === undefined ? { kind: 'string' } : { kind: 'string', maxLength };
const dateTime: ValueType = { kind: 'dateTime' };
const boolean: ValueType = { kind: 'boolean' };
const flag: ValueType = { kind: 'flag' };

/** The eight incident types of the documentation, verbatim. */
export const INCIDENT_TYPES = [
  'Child Pornography (possession, manufacture, and distribution)',
  'Child Sex Trafficking',
  'Child Sex Tourism',
  'Child Sexual Molestation',
  'Misleading Domain Name',
  'Misleading Words or Digital Images on the Internet',
  'Online Enticement of Children for Sexual Acts',
  'Unsolicited Obscene Material Sent to a Child',
] as const;

/** Events an IP address can be captured at (`ipCaptureEvent/eventName`). */
export const IP_EVENT_NAMES = [
  'Login',
  'Registration',
  'Purchase',
  'Upload',
  'Other',
  'Unknown',
] as const;

/** `fileDetails/industryClassification`: the industry A1/A2/B1/B2 scale. */
export const INDUSTRY_CLASSIFICATIONS = ['A1', 'A2', 'B1', 'B2'] as const;

/** `fileDetails/fileRelevance` values this mock accepts. */
export const FILE_RELEVANCE = ['Reported', 'Supplemental Reported'] as const;

const email: ElementSpec = {
  name: 'email',
  ...many,
  type: text(255),
  attributes: [
    { name: 'type', type: { kind: 'enum', values: ['Home', 'Work', 'Business'] } },
    { name: 'verified', type: boolean },
    { name: 'verificationDate', type: dateTime },
  ],
};

const phone: ElementSpec = {
  name: 'phone',
  ...many,
  type: text(50),
  attributes: [
    { name: 'type', type: { kind: 'enum', values: ['Mobile', 'Home', 'Business', 'Work', 'Fax'] } },
    { name: 'verified', type: boolean },
    { name: 'countryCallingCode', type: text(4) },
  ],
};

/** A person (the XSD's `Person` type), subset: names, phones, emails. */
const personChildren = (emailMin = 0): readonly ElementSpec[] => [
  { name: 'firstName', ...optional, type: text(100) },
  { name: 'lastName', ...optional, type: text(100) },
  phone,
  { ...email, min: emailMin },
];

export const IP_CAPTURE_EVENT: ElementSpec = {
  name: 'ipCaptureEvent',
  ...many,
  children: [
    { name: 'ipAddress', ...one, type: text(45) },
    { name: 'eventName', ...optional, type: { kind: 'enum', values: IP_EVENT_NAMES } },
    { name: 'dateTime', ...optional, type: dateTime },
    { name: 'possibleProxy', ...optional, type: boolean },
    { name: 'port', ...optional, type: { kind: 'integer', min: 1, max: 65535 } },
  ],
};

/** `<report>`, the document `POST /submit` opens a report with. */
export const REPORT_SCHEMA: ElementSpec = {
  name: 'report',
  ...one,
  children: [
    {
      name: 'incidentSummary',
      ...one,
      children: [
        { name: 'incidentType', ...one, type: { kind: 'enum', values: INCIDENT_TYPES } },
        { name: 'platform', ...optional, type: text(256) },
        { name: 'escalateToHighPriority', ...optional, type: text(3000) },
        {
          name: 'reportAnnotations',
          ...optional,
          children: [
            { name: 'sextortion', ...optional, type: flag },
            { name: 'csamSolicitation', ...optional, type: flag },
            { name: 'minorToMinorInteraction', ...optional, type: flag },
            { name: 'spam', ...optional, type: flag },
          ],
        },
        { name: 'incidentDateTime', ...one, type: dateTime },
        { name: 'incidentDateTimeDescription', ...optional, type: text(3000) },
      ],
    },
    {
      name: 'internetDetails',
      ...many,
      choice: true,
      doc: 'exactly one incident kind per internetDetails',
      children: [
        {
          name: 'webPageIncident',
          ...optional,
          attributes: [{ name: 'thirdPartyHostedContent', type: boolean }],
          children: [
            { name: 'url', ...many, type: text(2083) },
            { name: 'additionalInfo', ...optional, type: text() },
          ],
        },
        {
          name: 'chatImIncident',
          ...optional,
          children: [
            { name: 'chatClient', ...optional, type: text(255) },
            { name: 'chatRoomName', ...optional, type: text(255) },
            { name: 'content', ...optional, type: text() },
            { name: 'additionalInfo', ...optional, type: text() },
          ],
        },
      ],
    },
    {
      name: 'reporter',
      ...one,
      children: [
        {
          name: 'reportingPerson',
          ...one,
          doc: 'the documentation requires an email for the reporting person',
          children: personChildren(1),
        },
        { name: 'contactPerson', ...optional, children: personChildren() },
        { name: 'companyTemplate', ...optional, type: text() },
        { name: 'termsOfService', ...optional, type: text() },
        { name: 'legalURL', ...optional, type: text(2083) },
      ],
    },
    {
      name: 'personOrUserReported',
      ...optional,
      children: [
        { name: 'personOrUserReportedPerson', ...optional, children: personChildren() },
        { name: 'espIdentifier', ...optional, type: text(255) },
        { name: 'espService', ...optional, type: text(100) },
        { name: 'screenName', ...optional, type: text(256) },
        { name: 'displayName', ...many, type: text(256) },
        { name: 'profileUrl', ...many, type: text(2083) },
        IP_CAPTURE_EVENT,
        { name: 'additionalInfo', ...optional, type: text() },
      ],
    },
    { name: 'additionalInfo', ...optional, type: text() },
  ],
};

/** `<fileDetails>`, the document `POST /fileinfo` describes one uploaded file with. */
export const FILE_DETAILS_SCHEMA: ElementSpec = {
  name: 'fileDetails',
  ...one,
  children: [
    { name: 'reportId', ...one, type: { kind: 'integer', min: 1 } },
    { name: 'fileId', ...one, type: text(64) },
    { name: 'originalFileName', ...optional, type: text(2056) },
    { name: 'uploadedToEspTimestamp', ...optional, type: dateTime },
    { name: 'locationOfFile', ...optional, type: text(2083) },
    {
      name: 'fileViewedByEsp',
      ...optional,
      type: boolean,
      doc: 'true only when a person at the platform looked at the file',
    },
    { name: 'exifViewedByEsp', ...optional, type: boolean },
    { name: 'publiclyAvailable', ...optional, type: boolean },
    { name: 'fileRelevance', ...optional, type: { kind: 'enum', values: FILE_RELEVANCE } },
    {
      name: 'fileAnnotations',
      ...optional,
      children: [
        { name: 'animeDrawingVirtualHentai', ...optional, type: flag },
        { name: 'potentialMeme', ...optional, type: flag },
        { name: 'viral', ...optional, type: flag },
        { name: 'possibleSelfProduction', ...optional, type: flag },
        { name: 'physicalHarm', ...optional, type: flag },
        { name: 'violenceGore', ...optional, type: flag },
        { name: 'bestiality', ...optional, type: flag },
        { name: 'liveStreaming', ...optional, type: flag },
        { name: 'infant', ...optional, type: flag },
        { name: 'generativeAi', ...optional, type: flag },
      ],
    },
    {
      name: 'industryClassification',
      ...optional,
      type: { kind: 'enum', values: INDUSTRY_CLASSIFICATIONS },
    },
    {
      name: 'originalFileHash',
      ...many,
      type: text(256),
      attributes: [{ name: 'hashType', required: true, type: text(64) }],
    },
    { ...IP_CAPTURE_EVENT, ...optional },
    { name: 'additionalInfo', ...many, type: text() },
  ],
};
