import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder, whatever the current directory is. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The embedded default: a SQLite file under data/ (ignored by git). */
export const defaultDatabaseUrl = `file:${path.join(projectRoot, "data", "ec2i.db")}`;

/**
 * Turns a DATABASE_URL into an absolute one, so the CLI, the app and the tests agree on the file
 * whichever folder they run from. Relative SQLite paths are taken from the project root.
 */
export function resolveDatabaseUrl(url: string | undefined): string {
  if (!url) return defaultDatabaseUrl;
  if (!url.startsWith("file:")) return url;
  const filePath = url.slice("file:".length);
  if (filePath === ":memory:" || path.isAbsolute(filePath)) return url;
  return `file:${path.resolve(projectRoot, filePath)}`;
}

/** The file behind a SQLite URL (its folder must exist before SQLite opens it). */
export function sqliteFilePath(url: string): string | undefined {
  return url.startsWith("file:") ? url.slice("file:".length) : undefined;
}
