CREATE TABLE "billing_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"billee_type" text,
	"billee_id" text,
	"until" timestamp with time zone NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"gateway" text NOT NULL,
	"prefix" text,
	"country" text,
	"price_per_segment" numeric(12, 6) NOT NULL,
	"currency" text NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "billing_run_id" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "billed_amount" numeric(12, 6);--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "billed_currency" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "rate_id" bigint;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "rate" numeric(12, 6);--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "rate_currency" text;--> statement-breakpoint
ALTER TABLE "billing_runs" ADD CONSTRAINT "billing_runs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "billing_runs_account_idx" ON "billing_runs" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "billing_runs_idempotency_uq" ON "billing_runs" USING btree ("account_id","idempotency_key") WHERE "billing_runs"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "rates_gateway_idx" ON "rates" USING btree ("gateway","valid_from");--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_billing_run_id_billing_runs_id_fk" FOREIGN KEY ("billing_run_id") REFERENCES "public"."billing_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_billing_run_idx" ON "messages" USING btree ("billing_run_id","id") WHERE "messages"."billing_run_id" IS NOT NULL;