export { RESPONSE_CODES, type ResponseCodeName } from './response-codes';
export {
  FILE_DETAILS_SCHEMA,
  FILE_RELEVANCE,
  INCIDENT_TYPES,
  INDUSTRY_CLASSIFICATIONS,
  IP_EVENT_NAMES,
  REPORT_SCHEMA,
} from './schema';
export type { AttributeSpec, ElementSpec, ValueType } from './schema-types';
export { type SchemaViolation, validateDocument } from './validate-document';
export { renderXsd } from './xsd-text';
