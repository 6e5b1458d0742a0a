// Members written before the name_sort_key column existed (or by a tool that does not write it) have
// an empty key and would sort first: the service fills them in at start-up, in batches.
import { vietnameseNameSortKey } from "@orgboard/locale-vi";
import type { Sql } from "../../db/sql.js";

export async function fillMissingNameSortKeys(db: Sql, batchSize = 5000): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await db.query<{ id: number; full_name: string }>(`SELECT id, full_name FROM member WHERE name_sort_key = '' ORDER BY id LIMIT ${batchSize}`);
    if (rows.length === 0) return total;
    await db.query(
      `UPDATE member SET name_sort_key = k.key FROM unnest($1::int[], $2::text[]) AS k(id, key) WHERE member.id = k.id`,
      [rows.map((r) => r.id), rows.map((r) => vietnameseNameSortKey(r.full_name))],
    );
    total += rows.length;
  }
}
