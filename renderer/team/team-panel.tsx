/**
 * Settings → Team: the team database's address, the user and password for
 * signing in, Sign in / Sign out. The address, user and whether replication
 * runs are stored in the settings; the password only travels to the server's
 * `_session` once (team-session.ts).
 */
import { useId, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { DatabaseUrlError, parseDatabaseUrl } from '../../shared/team/database-url';
import { useDb } from '../db/db-context';
import { ValidationError } from '../db/errors';
import { getSetting, setSetting, type SettingValue } from '../db/repositories/settings';
import { usePlatform } from '../platform/platform-context';
import { useUiStore } from '../state/ui-store';
import { signIn, signOut, TeamSignInError } from './team-session';
import { describeTeamState, useTeamStatus } from './team-status';

type TeamConfig = SettingValue<'teamSync'>;

function messageOf(error: unknown): string {
  if (error instanceof ValidationError) return error.issues.join('; ');
  if (error instanceof DatabaseUrlError || error instanceof TeamSignInError) return error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.';
  return error instanceof Error ? error.message : String(error);
}

export function TeamPanel() {
  const db = useDb();
  const stored = useLiveQuery(async () => (await getSetting(db, 'teamSync')) ?? null, [db]);
  return stored === undefined ? null : <TeamForm key={stored ? `${stored.url}|${stored.user}|${String(stored.enabled)}` : 'none'} stored={stored} />;
}

function TeamForm({ stored }: { stored: TeamConfig | null }) {
  const db = useDb();
  const id = useId();
  const platform = usePlatform();
  const [url, setUrl] = useState(stored?.url ?? '');
  const [user, setUser] = useState(stored?.user ?? '');
  const [password, setPassword] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const state = useTeamStatus((s) => s.state);
  const signedIn = stored?.enabled === true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setUrlError(null);
    let address;
    try {
      address = parseDatabaseUrl(url);
      if (address.credentials) throw new DatabaseUrlError('put the user name and password in their own fields, not in the database URL');
    } catch (e) {
      setUrlError(messageOf(e));
      return;
    }
    setBusy(true);
    try {
      await signIn(address, user, password);
      setPassword('');
      await setSetting(db, 'teamSync', { url: address.url, user: user.trim(), enabled: true });
      useUiStore.getState().pushNotice({ kind: 'success', message: `Signed in to ${address.url} as ${user.trim()}; the workspace replicates with it.` });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const leave = async () => {
    if (!stored) return;
    setBusy(true);
    try {
      await setSetting(db, 'teamSync', { ...stored, enabled: false });
      await signOut(parseDatabaseUrl(stored.url));
      useUiStore.getState().pushNotice({ kind: 'info', message: `Signed out of ${stored.url}. The workspace stays on this computer.` });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="panel team-panel">
      <h2 id={`${id}-title`}>Team</h2>
      <p>
        Share the workspace with your team through a CouchDB database: edits replicate both ways while you are
        signed in, and wait on this computer while you are offline. Nothing connects until you sign in.
        {platform.kind === 'electron' ? ' The desktop app cannot reach a team database yet (its content security policy allows no server): use the web app.' : ''}
      </p>
      {signedIn && stored ? (
        <div className="team-signed-in">
          <dl className="facts">
            <dt>Database</dt>
            <dd>{stored.url}</dd>
            <dt>Signed in as</dt>
            <dd>{stored.user}</dd>
            <dt>Status</dt>
            <dd data-testid="team-panel-status">{describeTeamState(state).replace(/^Team: /, '')}</dd>
          </dl>
          <button type="button" onClick={() => void leave()} disabled={busy}>Sign out</button>
        </div>
      ) : (
        <form className="team-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-url`}>Team database URL</label>
            <input
              id={`${id}-url`}
              type="url"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://couch.example.com/team"
              maxLength={2000}
              aria-invalid={urlError ? true : undefined}
              aria-describedby={urlError ? `${id}-url-error` : undefined}
              spellCheck={false}
              autoComplete="url"
            />
            {urlError && <p id={`${id}-url-error`} className="field-error" role="alert">{urlError}</p>}
          </div>
          <div className="field">
            <label htmlFor={`${id}-user`}>User name</label>
            <input id={`${id}-user`} value={user} onChange={(e) => setUser(e.target.value)} maxLength={200} autoComplete="username" spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input id={`${id}-password`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </div>
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
          {error && <p className="field-error" role="alert">{error}</p>}
        </form>
      )}
    </section>
  );
}
