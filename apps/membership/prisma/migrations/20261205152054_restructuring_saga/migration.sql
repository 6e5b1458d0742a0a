-- The restructuring saga's steps applied here (idempotency keys and their answers) and the subtrees being
-- restructured (docs/restructuring.md). (The index drop/re-create Prisma proposes for text_pattern_ops
-- indexes is its diff's noise, left out.)

-- CreateTable
CREATE TABLE "restructuring_step" (
    "idempotency_key" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "applied_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "restructuring_step_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateTable
CREATE TABLE "restructuring_mark" (
    "org_code" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "restructuring_mark_pkey" PRIMARY KEY ("org_code")
);
