import { Component, useState, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Where the boundary sits, shown in the details ("the whole app", "the Settings screen"). */
  scope: string;
  /** Replaces the page reload (tests). */
  onReload?: () => void;
}

interface State {
  error: Error | null;
  componentStack: string;
}

/** Anything a render throws ends here and is shown: the window is never blank. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, componentStack: '' };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
    console.error(`Supportspan: error in ${this.props.scope}`, error);
  }

  override render() {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    return <ErrorReport error={error} componentStack={componentStack} scope={this.props.scope} onReload={this.props.onReload} />;
  }
}

export function errorDetails(error: Error, scope: string, componentStack = ''): string {
  return [
    `Supportspan error in ${scope}`,
    `${error.name}: ${error.message}`,
    `Time: ${new Date().toISOString()}`,
    `Location: ${typeof location === 'undefined' ? '' : location.href}`,
    `User agent: ${typeof navigator === 'undefined' ? '' : navigator.userAgent}`,
    '',
    error.stack ?? '(no stack)',
    componentStack ? `\nComponents:${componentStack}` : '',
  ].join('\n');
}

export function ErrorReport({ error, scope, componentStack = '', onReload }: { error: Error; scope: string; componentStack?: string; onReload?: (() => void) | undefined }) {
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const details = errorDetails(error, scope, componentStack);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(details);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  };
  return (
    <section className="error-report" role="alert" aria-labelledby="error-report-title">
      <h2 id="error-report-title">Something went wrong in {scope}</h2>
      <p className="error-message">{error.message || error.name}</p>
      <p>Your saved data is kept in this computer's storage. Reloading usually recovers; if the problem comes back, copy the details and send them to your support contact.</p>
      <div className="button-row">
        <button type="button" className="primary" onClick={onReload ?? (() => window.location.reload())}>Reload</button>
        <button type="button" onClick={() => void copy()}>Copy details</button>
        <span role="status">{copyState === 'copied' ? 'Details copied.' : copyState === 'failed' ? 'Copying failed: select the details below and copy them.' : ''}</span>
      </div>
      <details open={copyState === 'failed'}>
        <summary>Details</summary>
        <textarea readOnly aria-label="Error details" value={details} rows={10} />
      </details>
    </section>
  );
}
