/** The text-hygiene rules for the command line's inputs: NUL refuses the file; other controls are escaped when printed (run.ts). */
import { checkPortfolioText } from '../../shared/text/hygiene';
import type { Portfolio } from '../../shared/domain/schemas';
import { CliError, EXIT } from './command';

export function refuseNulText(command: string, file: string, portfolio: Portfolio): Portfolio {
  const { errors } = checkPortfolioText(portfolio, file);
  if (errors.length > 0) {
    throw new CliError(`${command}: ${file} was not read: ${errors.length} value${errors.length === 1 ? '' : 's'} contain${errors.length === 1 ? 's' : ''} a NUL character`, EXIT.badInput, errors.slice(0, 20).map((e) => e.message));
  }
  return portfolio;
}
