/**
 * The bundles this user exported with the command line, by the SHA-256 of
 * their manifest.json: what `verify` compares an auditor response's reference
 * with. One JSON file next to the signing key (signing-key-file.ts), written
 * by `export` after the bundle is on disk.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { scopeSchema, sha256Hex, utf8Encode, type BuiltBundle, type ExportedBundleRef } from '../../shared/bundle';
import { CliError } from './command';
import { writeFileAtomic } from './portfolio-file';
import { configDir } from './signing-key-file';

export const EXPORTED_BUNDLES_FILE = 'exported-bundles.json';
/** The oldest records go first once there are more. */
export const MAX_EXPORTED_BUNDLES = 10_000;

const recordSchema = z.strictObject({
  manifestHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string().max(40),
  asOf: z.string().max(20),
  scope: scopeSchema,
  file: z.string().max(4096),
});
const fileSchema = z.strictObject({ bundles: z.array(recordSchema).max(MAX_EXPORTED_BUNDLES) });
export type ExportedBundleRecord = z.infer<typeof recordSchema>;

export function exportedBundlesPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), EXPORTED_BUNDLES_FILE);
}

/** The records, or null when this user never exported a bundle with the command line. */
export async function readExportedBundles(command: string, env: NodeJS.ProcessEnv = process.env): Promise<ExportedBundleRecord[] | null> {
  const path = exportedBundlesPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`${command}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${command}: ${path} is not JSON (${(error as Error).message}); delete it to start a new record of exported bundles`);
  }
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) throw new CliError(`${command}: ${path} is not a record of exported bundles; delete it to start a new one`);
  return parsed.data.bundles;
}

/** Adds an exported bundle to the record. */
export async function recordExportedBundle(command: string, built: Pick<BuiltBundle, 'manifest' | 'manifestBytes'>, file: string, env: NodeJS.ProcessEnv = process.env): Promise<ExportedBundleRef> {
  const manifestHash = await sha256Hex(built.manifestBytes);
  const entry: ExportedBundleRecord = { manifestHash, createdAt: built.manifest.createdAt, asOf: built.manifest.asOf, scope: built.manifest.scope, file: file.slice(0, 4096) };
  const current = (await readExportedBundles(command, env)) ?? [];
  const next = [...current.filter((b) => b.manifestHash !== manifestHash), entry].slice(-MAX_EXPORTED_BUNDLES);
  const dir = configDir(env);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CliError(`${command}: cannot create the configuration folder ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  await writeFileAtomic(command, exportedBundlesPath(env), utf8Encode(`${JSON.stringify({ bundles: next }, null, 2)}\n`), 0o600);
  return entry;
}
