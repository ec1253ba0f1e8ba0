import { clusters } from "../../domain/clusters.js";
import type { Database } from "./client.js";

/** Creates the five clusters, or brings their names up to date; running it twice changes nothing. */
export async function seedClusters(db: Database): Promise<number> {
  for (const cluster of clusters) {
    await db.cluster.upsert({
      where: { key: cluster.key },
      create: cluster,
      update: { name: cluster.name, country: cluster.country },
    });
  }
  return clusters.length;
}
