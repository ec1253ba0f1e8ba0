/** The five clusters of the EC2i consortium. Keys are stable: commands and data refer to them. */
export const clusters = [
  { key: "green-tech-at", name: "Green Tech Cluster", country: "AT" },
  { key: "tweed-be", name: "TWEED", country: "BE" },
  { key: "clean-dk", name: "CLEAN", country: "DK" },
  { key: "tenerrdis-fr", name: "Tenerrdis", country: "FR" },
  { key: "sbh-se", name: "Sustainable Business Hub", country: "SE" },
] as const;

export type ClusterKey = (typeof clusters)[number]["key"];

export const clusterKeys: readonly ClusterKey[] = clusters.map((cluster) => cluster.key);

/** Finds a cluster by key, name or country code, as people type them ("clean", "DK", "tweed-be"). */
export function findCluster(text: string): (typeof clusters)[number] | undefined {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return undefined;
  return clusters.find(
    (cluster) =>
      cluster.key === wanted ||
      cluster.name.toLowerCase() === wanted ||
      cluster.country.toLowerCase() === wanted ||
      cluster.key.split("-")[0] === wanted,
  );
}
