/**
 * Opening a file checks its size from its metadata first (File.size here, fstat
 * in the main process): an oversized file is refused before a byte is read.
 */
import { fileSizeProblem, type FileKind } from '../../shared/ipc/file-limits';
import type { OpenedFile } from './platform';

/** A file refused before reading; the message is for the user. */
export class FileRefusedError extends Error {
  override readonly name = 'FileRefusedError';
}

export function refuseIfTooLarge(name: string, size: number, maxBytes: number, kind?: FileKind): void {
  const problem = fileSizeProblem(name, size, maxBytes, kind);
  if (problem) throw new FileRefusedError(problem);
}

/** Reads a File from an input or a drop after checking its size. */
export async function readLocalFile(file: File, maxBytes: number, kind?: FileKind): Promise<OpenedFile> {
  refuseIfTooLarge(file.name, file.size, maxBytes, kind);
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A file that grew between the check and the read is refused too.
  refuseIfTooLarge(file.name, bytes.length, maxBytes, kind);
  return { name: file.name, bytes };
}
