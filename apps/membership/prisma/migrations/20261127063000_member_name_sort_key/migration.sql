-- Member lists are paged in Vietnamese name order (given name, middle names, family name; tones per
-- word). PGlite has no ICU and "vi-x-icu" misorders tone placements, so the application stores
-- @orgboard/locale-vi's vietnameseNameSortKey(full_name) with every write of full_name (router, import,
-- seed) and lists order by (name_sort_key, id). COLLATE "C": the key is meant to compare byte-wise.
ALTER TABLE "member" ADD COLUMN "name_sort_key" TEXT COLLATE "C" NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "member_name_sort_key_id_idx" ON "member"("name_sort_key", "id");
