DROP INDEX "status_reports_lookup_idx";--> statement-breakpoint
DROP INDEX "messages_status_updated_idx";--> statement-breakpoint
DROP INDEX "messages_gateway_msgid_uq";--> statement-breakpoint
DROP INDEX "messages_idempotency_uq";--> statement-breakpoint
DROP INDEX "messages_to_sent_idx";--> statement-breakpoint
CREATE INDEX "status_reports_pending_idx" ON "status_reports" USING btree ("gateway","gateway_message_id") WHERE "status_reports"."state" IN ('unmatched', 'parked');--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("created_at") WHERE "webhook_deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "messages_inflight_idx" ON "messages" USING btree ("status","updated_at") WHERE "messages"."status" IN ('queued', 'scheduled', 'sending', 'unknown');--> statement-breakpoint
CREATE UNIQUE INDEX "messages_gateway_msgid_uq" ON "messages" USING btree ("gateway","gateway_message_id") WHERE "messages"."gateway_message_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_idempotency_uq" ON "messages" USING btree ("account_id","idempotency_key") WHERE "messages"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_to_sent_idx" ON "messages" USING btree ("to","sent_at") WHERE "messages"."sent_at" IS NOT NULL;