DROP INDEX "messages_unbilled_idx";--> statement-breakpoint
DROP INDEX "webhook_deliveries_pending_idx";--> statement-breakpoint
DROP INDEX "messages_to_sent_idx";--> statement-breakpoint
CREATE INDEX "replies_account_from_idx" ON "replies" USING btree ("account_id","from","id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_message_idx" ON "webhook_deliveries" USING btree ("message_id") WHERE "webhook_deliveries"."message_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_account_status_idx" ON "messages" USING btree ("account_id","status","id");--> statement-breakpoint
CREATE INDEX "messages_account_billee_idx" ON "messages" USING btree ("account_id","billee_type","billee_id","id") WHERE "messages"."billee_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_billable_idx" ON "messages" USING btree ("account_id","id") WHERE "messages"."billed" = false AND ("messages"."status" IN ('sent', 'delivered') OR "messages"."gateway_charge" IS NOT NULL);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("id") WHERE "webhook_deliveries"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "messages_to_sent_idx" ON "messages" USING btree ("to","sent_at");
