export {
  convertDjangoGateways,
  type ConvertedDjangoGateway,
  type DjangoGatewayBody,
  type DjangoImport,
  type DjangoImportOptions,
  type RejectedDjangoRow,
} from './django.js';
export type { FieldOutcome, FieldReport } from './django-row.js';
export { convertPythonRegex } from './python-regex.js';
