import { useEffect, useState } from 'react';
import { usePlatform } from '../../platform/platform-context';
import type { AppInfo } from '../../platform/platform';
import { StoragePanel } from './storage-panel';
import { AsOfDatePanel, PolicyPanel, RulePacksPanel, UserNamePanel } from './analysis-settings';
import '../findings/findings.css';
import './settings.css';
import { describeError } from '../../db/errors';
import { TeamPanel } from '../../team/team-panel';

export function SettingsScreen() {
  const platform = usePlatform();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    platform.appInfo().then(
      (i) => !cancelled && setInfo(i),
      (error: unknown) => !cancelled && setInfoError(describeError(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [platform]);
  return (
    <div className="screen">
      <h1>Settings</h1>
      <AsOfDatePanel />
      <RulePacksPanel />
      <PolicyPanel />
      <UserNamePanel />
      <TeamPanel />
      <StoragePanel />
      <section aria-labelledby="about-title" className="panel">
        <h2 id="about-title">About</h2>
        {info ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.name} {info.version}</dd>
            <dt>Running as</dt>
            <dd>{info.host === 'electron' ? `desktop app (${info.platform})` : info.host === 'browser' ? 'web app in a browser' : 'test host'}</dd>
            {info.userDataPath && (
              <>
                <dt>Data folder</dt>
                <dd>{info.userDataPath}</dd>
              </>
            )}
          </dl>
        ) : infoError ? (
          <p role="alert">Could not read the application information: {infoError}</p>
        ) : (
          <p role="status">Reading…</p>
        )}
      </section>
    </div>
  );
}
