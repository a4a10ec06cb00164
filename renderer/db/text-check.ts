/**
 * The text-hygiene rules (shared/text/hygiene.ts) at the point where imported
 * data is committed: NUL refuses the import before anything is written; other
 * control and bidi characters are kept and reported in one notice.
 */
import { checkPortfolioText, checkTextTree, type TextReport } from '../../shared/text/hygiene';
import { useUiStore } from '../state/ui-store';

const MAX_LISTED = 20;

function apply(report: TextReport, refuse: (messages: string[]) => Error): void {
  if (report.errors.length > 0) throw refuse(report.errors.slice(0, MAX_LISTED).map((f) => f.message));
  if (report.warnings.length === 0) return;
  const more = report.warnings.length > MAX_LISTED ? `\n(and ${report.warnings.length - MAX_LISTED} more)` : '';
  useUiStore.getState().pushNotice({
    kind: 'warning',
    message: `${report.warnings.length} imported value${report.warnings.length === 1 ? '' : 's'} contain${report.warnings.length === 1 ? 's' : ''} invisible control or text-direction characters; they are shown as markers such as ⟦RLO U+202E⟧.`,
    detail: report.warnings.slice(0, MAX_LISTED).map((f) => f.message).join('\n') + more,
  });
}

/** For a portfolio (spreadsheet, bundle): places named by product line, product and component. */
export function checkImportedPortfolio(portfolio: Parameters<typeof checkPortfolioText>[0], source: string, refuse: (messages: string[]) => Error): void {
  apply(checkPortfolioText(portfolio, source), refuse);
}

/** For any other imported value (a catalog). */
export function checkImportedValue(value: unknown, source: string, refuse: (messages: string[]) => Error): void {
  apply(checkTextTree(value, source), refuse);
}
