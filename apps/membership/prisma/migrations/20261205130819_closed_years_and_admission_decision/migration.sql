-- Issue #10. (Prisma's diff also proposed dropping and re-creating the text_pattern_ops indexes, a known
-- artefact of its introspection of operator classes; those lines were removed: the indexes are unchanged.)

-- The date of the admission decision (quyết định kết nạp): party age counts from it (docs/kpis.md). Null for
-- admissions recorded before it was kept; party age then falls back to the ceremony date (admitted_on).
ALTER TABLE "admission" ADD COLUMN "decided_on" DATE;

-- Closed years (khóa sổ): the annual report of a subtree as published when the board closed the year
-- (src/report/closed.ts). Later entries dated in the year are amendments shown beside it.
CREATE TABLE "closed_year" (
    "org_path" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "closed_on" DATE NOT NULL,
    "closed_by" TEXT NOT NULL,
    "published" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "closed_year_pkey" PRIMARY KEY ("org_path","year")
);
