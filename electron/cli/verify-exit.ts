/** Exit codes of verify, for bundles and auditor responses alike (docs/cli.md). */
export const VERIFY_EXIT = { ok: 0, invalid: 1, unreadable: 2 } as const;
