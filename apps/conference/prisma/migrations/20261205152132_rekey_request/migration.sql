-- The scope-key rewrite's idempotency keys (restructuring.rekey, issue #14).
-- (Prisma's diff also dropped and re-created the text_pattern_ops indexes, unchanged: removed.)
-- CreateTable
CREATE TABLE "rekey_request" (
    "idempotency_key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "effective_on" DATE NOT NULL,
    "result" JSONB NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rekey_request_pkey" PRIMARY KEY ("idempotency_key")
);
