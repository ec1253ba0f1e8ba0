/** Figures for the staff App Home. */
import type { Database } from "../../platform/db/client.js";
import type { SmeStatus } from "./profile.js";

export type DirectoryCounts = {
  byStatus: Record<SmeStatus, number>;
  byCluster: { key: string | null; count: number }[];
  bySector: { key: string; count: number }[];
};

export async function directoryCounts(db: Database): Promise<DirectoryCounts> {
  const statuses = await db.sme.groupBy({ by: ["status"], _count: { _all: true } });
  const byStatus: Record<SmeStatus, number> = { draft: 0, pending: 0, approved: 0, archived: 0 };
  for (const row of statuses) byStatus[row.status] = row._count._all;
  const clusterRows = await db.$queryRawUnsafe<{ key: string | null; count: number | bigint }[]>(
    `SELECT c."key" AS key, count(*) AS count FROM "Sme" s LEFT JOIN "Cluster" c ON c."id" = s."clusterId"
     WHERE s."status" = 'approved' GROUP BY c."key" ORDER BY count(*) DESC`,
  );
  const sectorRows = await db.$queryRawUnsafe<{ key: string; count: number | bigint }[]>(
    `SELECT t."value" AS key, count(*) AS count FROM "SmeTag" t JOIN "Sme" s ON s."id" = t."smeId"
     WHERE t."kind" = 'sector' AND s."status" = 'approved' GROUP BY t."value" ORDER BY count(*) DESC`,
  );
  return {
    byStatus,
    byCluster: clusterRows.map((row) => ({ key: row.key, count: Number(row.count) })),
    bySector: sectorRows.map((row) => ({ key: row.key, count: Number(row.count) })),
  };
}
