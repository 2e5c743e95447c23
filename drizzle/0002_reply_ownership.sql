CREATE TABLE "sender_numbers" (
	"number" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"gateway" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "handler_state" text;--> statement-breakpoint
ALTER TABLE "sender_numbers" ADD CONSTRAINT "sender_numbers_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sender_numbers_account_idx" ON "sender_numbers" USING btree ("account_id","number");--> statement-breakpoint
CREATE INDEX "replies_handler_pending_idx" ON "replies" USING btree ("created_at") WHERE "replies"."handler_state" = 'pending';