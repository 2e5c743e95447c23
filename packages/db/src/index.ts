// The package's API, named one by one: what the apps and the root tests import. Helpers used only
// inside the package (mapRow, sqlRunner, the group commit, the SQL fragments) stay inside it.
import * as schema from './schema/index.js';

export { schema };
export { assertConnectionBudget, openDatabase, type Database, type Db } from './client.js';
export { migrationStatus, type MigrationStatus } from './migration-status.js';
export { rowsOf } from './rows.js';
export type { IncomingReport, MessageEventRow, MessageRow, NewMessage, ReplyRow } from './types.js';

// Tables: the schema's vocabulary, for tests and one-off statements.
export { accounts, apiKeys } from './schema/accounts.js';
export { auditLog } from './schema/audit.js';
export { batches } from './schema/batches.js';
export { billingRuns, rates } from './schema/billing.js';
export { billeeCredits, creditLedger } from './schema/credit.js';
export { billees } from './schema/billees.js';
export { templates, templateVersions } from './schema/templates.js';
export { optOuts, replies, statusReports, webhookDeliveries } from './schema/callbacks.js';
export { gateways, routes, type RouteTarget } from './schema/gateways.js';
export { messageEvents, messages } from './schema/messages.js';
export { senderNumbers } from './schema/sender-numbers.js';

export {
  apiKeyFinder,
  apiKeyLookup,
  createAccount,
  createApiKey,
  ensureAccount,
  getAccount,
  hashApiKey,
  listAccounts,
  revokeApiKey,
  setAccountDisabled,
  type AccountRow,
  type ApiKeyRecord,
  type Principal,
} from './queries/accounts.js';
export {
  getApiKey,
  isKeyActive,
  issueApiKey,
  listApiKeys,
  rotateApiKey,
  touchApiKeys,
  type ApiKeyRow,
  type IssueKey,
  type RotateResult,
} from './queries/keys.js';
export { insertAudit, listAudit, type AuditEntry, type AuditQuery, type AuditRow } from './queries/audit.js';
export {
  deleteGateway,
  deleteRoute,
  gatewayVersions,
  getDefaultGateway,
  getGateway,
  getRoute,
  insertGateway,
  insertRoute,
  listGateways,
  listRoutes,
  storeBalance,
  updateGateway,
  updateRoute,
  type GatewayRow,
  type NewGatewayRow,
  type RouteRow,
} from './queries/gateways.js';
export {
  claimMessage,
  getMessage,
  getMessageById,
  getMessageByIdempotencyKey,
  getMessagesByIdempotencyKeys,
  insertMessage,
  insertMessages,
  listEvents,
  listMessages,
  staleMessages,
  transition,
  transitionMany,
  type MessageSet,
} from './queries/messages.js';
export { batchMessageIds, batchProgress, getBatch, listBatches, type BatchProgress, type BatchRow, type Money } from './queries/batches.js';
export {
  billingRunMessages,
  billingRunTotals,
  createBillingRun,
  getBillingRun,
  listUnbilled,
  unbilledTotals,
  type Billee,
  type BilleeTotal,
  type BillingRunRow,
  type RunTotal,
} from './queries/billing.js';
export { insertRate, lastRateFor, listRates, type LastRate, type RateRow } from './queries/rates.js';
export {
  deleteBilleeDefaults,
  getBilleeDefaults,
  loadAccountSendSettings,
  putBilleeDefaults,
  setAccountSmartEncoding,
  type AccountSendSettings,
  type BilleeDefaultsInput,
  type BilleeDefaultsRow,
} from './queries/billees.js';
export {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  listTemplateVersions,
  updateTemplate,
  type TemplateRow,
  type TemplateVersionRow,
  type TemplateWithVersion,
  type VersionContent,
} from './queries/templates.js';
export {
  creditLedgerSum,
  getCredit,
  listCreditLedger,
  setCreditLimit,
  type Credit,
  type CreditLedgerRow,
  type SetCreditResult,
} from './queries/credit.js';
export { addOptOut, getOptOut, listOptOuts, removeOptOut, type OptOutRow } from './queries/opt-outs.js';
export {
  findReplyMatch,
  getReply,
  insertReply,
  listReplies,
  listRepliesForMessage,
  setReplyHandlerState,
  stalePendingReplyHandlers,
  type ReplyMatch,
} from './queries/replies.js';
export { storeReply } from './queries/reply-store.js';
export { receiveInbound, type InboundMessage, type InboundRules, type StoredInbound } from './queries/inbound.js';
export {
  assignSenderNumber,
  getSenderNumber,
  listSenderNumbers,
  removeSenderNumber,
  type SenderNumberRow,
} from './queries/sender-numbers.js';
export { applyPendingReports, recordStatusReport, reportWaits, settleLateReport } from './queries/reports.js';
export {
  deleteOldEvents,
  deleteOldMessages,
  deleteOldReplies,
  deleteOldReports,
  deleteOldWebhookDeliveries,
  RETENTION_FINAL_STATUSES,
  type BatchQuery,
  type MessageBatchQuery,
  type RetentionBatch,
} from './queries/retention.js';
export {
  enqueueReplyWebhook,
  enqueueStatusWebhook,
  getWebhookDelivery,
  listWebhookDeliveries,
  markWebhookDeferred,
  recordWebhookAttempt,
  stalePendingDeliveries,
  updateAccountWebhook,
  type WebhookDeliveryRow,
} from './queries/webhooks.js';
export {
  listReportsForMessage,
  recentSendOutcomes,
  SEND_OUTCOMES,
  type SendOutcomeCount,
  type StatusReportRow,
} from './queries/console.js';
export { attachChangeObserver, attachOutboxWaker, type ChangeObserver, type OutboxWaker } from './hot/wake.js';
export {
  createHotPath,
  type AcceptResult,
  type ChangedMessage,
  type FastReport,
  type FinishInput,
  type HotPath,
  type NewBatch,
} from './hot/index.js';
export {
  hasUnknownSince,
  inflightPage,
  recordReconcileCheck,
  unknownDueForLookup,
  type InflightCursor,
  type UnknownCandidate,
} from './queries/sweep.js';
