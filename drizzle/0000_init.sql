CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"webhook_url" text,
	"webhook_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"admin" boolean DEFAULT false NOT NULL,
	"scopes" text[] DEFAULT '{}' NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "opt_outs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text,
	"number" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opt_outs_account_number_uq" UNIQUE NULLS NOT DISTINCT("number","account_id")
);
--> statement-breakpoint
CREATE TABLE "replies" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text,
	"message_id" text,
	"gateway" text NOT NULL,
	"from" text NOT NULL,
	"to" text,
	"content" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"provider_id" text,
	"reference" text,
	"matched_by" text,
	"keyword" text,
	"raw" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"gateway_message_id" text NOT NULL,
	"message_id" text,
	"status" text,
	"provider_status" text NOT NULL,
	"error_code" text,
	"reported_at" timestamp with time zone,
	"charge" numeric(12, 6),
	"part_index" integer,
	"part_count" integer,
	"state" text NOT NULL,
	"raw" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"message_id" text,
	"reply_id" text,
	"url" text NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gateways" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"preset" text,
	"config" jsonb,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"credentials_encrypted" text,
	"callback_token" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"rate_limit_max" integer,
	"rate_limit_interval_ms" integer,
	"rate_limit_per_segment" boolean DEFAULT false NOT NULL,
	"credit_remaining" numeric(14, 5),
	"credit_currency" text,
	"last_balance_check" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gateways_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "routes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"match_prefix" text,
	"match_country" text,
	"targets" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "routes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "message_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" text NOT NULL,
	"status" text,
	"attempt" integer,
	"gateway" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"to" text NOT NULL,
	"from" text,
	"content" text NOT NULL,
	"encoding" text NOT NULL,
	"segments" integer NOT NULL,
	"status" text NOT NULL,
	"status_message" text,
	"gateway" text,
	"route_gateways" text[] DEFAULT '{}' NOT NULL,
	"route_index" integer DEFAULT 0 NOT NULL,
	"gateway_message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"billee_type" text,
	"billee_id" text,
	"billed" boolean DEFAULT false NOT NULL,
	"billed_at" timestamp with time zone,
	"gateway_charge" numeric(12, 6),
	"charge_currency" text,
	"reply_handler" text,
	"webhook_url" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"send_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opt_outs" ADD CONSTRAINT "opt_outs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_reports" ADD CONSTRAINT "status_reports_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_account_idx" ON "api_keys" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "replies_gateway_provider_uq" ON "replies" USING btree ("gateway","provider_id");--> statement-breakpoint
CREATE INDEX "replies_account_idx" ON "replies" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "replies_message_idx" ON "replies" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "status_reports_lookup_idx" ON "status_reports" USING btree ("gateway","gateway_message_id");--> statement-breakpoint
CREATE INDEX "status_reports_message_idx" ON "status_reports" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_account_idx" ON "webhook_deliveries" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "message_events_message_idx" ON "message_events" USING btree ("message_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_gateway_msgid_uq" ON "messages" USING btree ("gateway","gateway_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_idempotency_uq" ON "messages" USING btree ("account_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "messages_account_id_idx" ON "messages" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "messages_status_updated_idx" ON "messages" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "messages_to_sent_idx" ON "messages" USING btree ("to","sent_at");--> statement-breakpoint
CREATE INDEX "messages_unbilled_idx" ON "messages" USING btree ("account_id","billee_type","billee_id") WHERE "messages"."billed" = false;