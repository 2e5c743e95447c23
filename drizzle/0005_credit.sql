CREATE TABLE "billee_credits" (
	"account_id" text NOT NULL,
	"billee_type" text NOT NULL,
	"billee_id" text NOT NULL,
	"currency" text NOT NULL,
	"credit_limit" numeric(14, 6) NOT NULL,
	"reserved" numeric(14, 6) DEFAULT '0' NOT NULL,
	"spent" numeric(14, 6) DEFAULT '0' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "billee_credits_account_id_billee_type_billee_id_pk" PRIMARY KEY("account_id","billee_type","billee_id")
);
--> statement-breakpoint
CREATE TABLE "credit_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"billee_type" text NOT NULL,
	"billee_id" text NOT NULL,
	"message_id" text,
	"kind" text NOT NULL,
	"amount" numeric(14, 6) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "credit_reserved" numeric(12, 6);--> statement-breakpoint
ALTER TABLE "billee_credits" ADD CONSTRAINT "billee_credits_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "credit_ledger_billee_idx" ON "credit_ledger" USING btree ("account_id","billee_type","billee_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_reserve_uq" ON "credit_ledger" USING btree ("message_id") WHERE "credit_ledger"."kind" = 'reserve';--> statement-breakpoint
CREATE UNIQUE INDEX "credit_ledger_final_uq" ON "credit_ledger" USING btree ("message_id") WHERE "credit_ledger"."kind" IN ('settle', 'release');