/**
 * A bundle file handed to the app (open dialog, drag and drop, the operating
 * system, a recent entry) waiting to be verified on the Bundles screen. Only
 * the file is kept here; what it proves is computed by the screen.
 */
import { create } from 'zustand';

export interface OfferedFile {
  name: string;
  bytes: Uint8Array;
  /** `audit`: the operating system opened it (double click): go on to auditor mode when it can be trusted to be intact. */
  intent: 'choose' | 'audit';
  /** Changes for every offer, so offering the same file twice verifies it again. */
  nonce: number;
}

interface OpenState {
  offered: OfferedFile | null;
  offer(file: Omit<OfferedFile, 'nonce'>): void;
  clear(): void;
}

let counter = 0;

export const useBundleOpenStore = create<OpenState>()((set) => ({
  offered: null,
  offer: (file) => set({ offered: { ...file, nonce: ++counter } }),
  clear: () => set({ offered: null }),
}));
