/** The product's own fields, each saved the moment it is left. */
import { useEffect, useRef, useState } from 'react';
import {
  CATEGORIES,
  ENVIRONMENT_LABELS,
  KNOWN_MARKETS,
  SECTOR_REGULATIONS,
  SECTOR_REGULATION_LABELS,
  marketSchema,
  productSchema,
  soldToConsumers,
  type Category,
  type Environment,
  type Product,
  type SectorRegulation,
  type SoldToConsumers,
} from '../../../shared/domain';
import { classifyMarkets } from '../../../shared/engine/markets';
import { useDb } from '../../db/db-context';
import { updateProduct } from '../../db/repositories/components';
import { StaleEditError } from '../../db/errors';
import { showHidden } from '../../../shared/text/hygiene';
import { revealElement } from './reveal';
import { useUiStore } from '../../state/ui-store';
import type { ParseResult } from '../grid/grid-types';
import { parseDate, parseNumber, parseText, parseWholeNumber } from './field-parsers';
import { InlineField } from './inline-field';
import { describeWriteError } from './save-status';

const shape = productSchema.shape;

export const CATEGORY_LABELS: Record<Category, string> = {
  smartphone: 'Smartphone',
  tablet: 'Tablet',
  'washing-machine': 'Washing machine',
  dishwasher: 'Dishwasher',
  refrigerator: 'Refrigerator',
  display: 'Display',
  thermostat: 'Thermostat',
  camera: 'Camera',
  lock: 'Lock',
  gateway: 'Gateway',
  wearable: 'Wearable',
  'xr-headset': 'XR headset',
  other: 'Other',
};

const DATE_HINT = 'YYYY-MM-DD, or YYYY-MM for the end of that month.';

/** Field ids, so that a finding can put the cursor on the field that causes it. */
export function productFieldId(productId: string, field: string): string {
  return `product-${productId}-${field}`;
}

function parseOtherMarkets(text: string): ParseResult {
  const codes = text.split(/[\s,;]+/).filter(Boolean);
  for (const code of codes) {
    const r = marketSchema.safeParse(code);
    if (!r.success) return { ok: false, reason: `“${code}”: ${r.error.issues[0]?.message ?? 'not a market code'}` };
  }
  return { ok: true, value: [...new Set(codes)] };
}

const known = KNOWN_MARKETS as readonly string[];

/** How the market codes are read by the rules, so an unexpected reading shows before any finding does. */
export function marketReading(codes: readonly string[]): string {
  const m = classifyMarkets(codes);
  const eu = codes.filter((c) => c !== 'EU' && classifyMarkets([c]).eu);
  const gb = codes.includes('GB');
  const parts: string[] = [];
  if (eu.length > 0) parts.push(`${eu.join(', ')} ${eu.length === 1 ? 'is an EU member state' : 'are EU member states'}: EU rules apply`);
  if (gb) parts.push('GB counts as UK');
  if (m.eea.length > 0) parts.push(`${m.eea.join(', ')}: EEA, not EU (EU rules are not applied)`);
  if (m.unknown.length > 0) parts.push(`${m.unknown.join(', ')}: not a known market code, no law is checked for it`);
  return parts.join('; ');
}

const CONSUMER_DEFAULT_TEXT = (environment: Environment | undefined): string => {
  if (environment === undefined) return 'follows the product line';
  const d = soldToConsumers({ soldToConsumers: null }, environment);
  return `as the line (${ENVIRONMENT_LABELS[environment]}: ${d === null ? 'unknown' : d ? 'yes' : 'no'})`;
};

export interface ProductFieldsProps {
  product: Product;
  /** The line's environment: it decides "sold to consumers" when the product does not say. */
  environment?: Environment;
  track<T>(write: Promise<T>): Promise<T>;
}

const shown = (value: unknown): string => (value === null || value === undefined || value === '' ? '(empty)' : showHidden(String(value)));
const fieldLabel = (key: string): string => {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function ProductFields({ product, environment, track }: ProductFieldsProps) {
  const db = useDb();
  const focusRequest = useUiStore((s) => s.focusRequest);
  const clearFocusRequest = useUiStore((s) => s.clearFocusRequest);
  const [marketError, setMarketError] = useState<string | null>(null);
  const fid = (field: string) => productFieldId(product.id, field);

  useEffect(() => {
    if (!focusRequest || focusRequest.productId !== product.id || focusRequest.componentId !== null) return;
    const field = focusRequest.field.replace(/^product\./, '');
    const el = document.getElementById(productFieldId(product.id, field));
    if (el) {
      revealElement(el);
      el.focus({ preventScroll: true });
    }
    clearFocusRequest();
  }, [focusRequest, product.id, clearFocusRequest]);

  const save = (patch: Partial<Product>) => track(updateProduct(db, product.id, (p) => ({ ...p, ...patch })));

  // The stored value each field's edit started from: a write over a value changed meanwhile (another window) asks first.
  const [startedFrom] = useState(() => new Map<keyof Product, unknown>());
  const saveField = async (key: keyof Product, value: unknown): Promise<void> => {
    const basis = startedFrom.has(key) ? { startedFrom: { [key]: startedFrom.get(key) } } : undefined;
    try {
      await track(updateProduct(db, product.id, (p) => ({ ...p, [key]: value }), 'save the product', basis));
    } catch (error) {
      if (!(error instanceof StaleEditError)) throw error;
      // The label the person sees next to the field.
      const label = document.querySelector(`label[for="${fid(key)}"]`)?.textContent?.trim() || fieldLabel(key);
      const overwrite = window.confirm(`${label} was changed in another window or tab to “${shown(error.stored)}” since you started editing it. Replace it with your “${shown(value)}”?`);
      if (overwrite) await track(updateProduct(db, product.id, (p) => ({ ...p, [key]: value })));
    } finally {
      startedFrom.delete(key);
    }
  };

  const field = (key: keyof Product) => ({
    id: fid(key),
    onStart: () => { startedFrom.set(key, product[key]); },
    onCommit: (value: unknown) => saveField(key, value),
  });

  const otherMarkets = product.markets.filter((m) => !known.includes(m));

  // Shown checked at once; the stored list takes over once the committed write has reached this view
  // (clearing at the commit itself would show the old list until the live query catches up),
  // or the box reverts with the reason.
  const [pendingMarkets, setPendingMarkets] = useState<string[] | null>(null);
  const marketsCommitted = useRef(false);
  useEffect(() => {
    if (!marketsCommitted.current) return;
    marketsCommitted.current = false;
    setPendingMarkets(null);
  }, [product.markets]);
  const markets = pendingMarkets ?? product.markets;
  const toggleMarket = (code: string, on: boolean) => {
    const next = [...new Set(on ? [...markets, code] : markets.filter((m) => m !== code))];
    setMarketError(null);
    marketsCommitted.current = false;
    setPendingMarkets(next);
    save({ markets: next }).then(
      () => {
        marketsCommitted.current = true;
      },
      (e: unknown) => {
        setPendingMarkets(null);
        setMarketError(describeWriteError(e));
      },
    );
  };

  return (
    <section className="product-fields" aria-labelledby={`${fid('fields')}-title`}>
      <h2 id={`${fid('fields')}-title`}>Product</h2>
      <div className="product-fields-grid">
        <InlineField {...field('name')} label="Name" value={product.name} parse={(t) => parseText(t, shape.name)} />
        <InlineField {...field('sku')} label="SKU / model designation" value={product.sku} parse={(t) => parseText(t, shape.sku)} />
        <div className="field">
          <label htmlFor={fid('category')}>Category</label>
          <select
            id={fid('category')}
            value={product.category}
            onChange={(e) => void save({ category: e.target.value as Category }).catch(() => undefined)}
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>{CATEGORY_LABELS[c]}</option>
            ))}
          </select>
        </div>
        <fieldset className="field markets" id={fid('markets')} tabIndex={-1}>
          <legend>Markets</legend>
          <div className="market-checks">
            {KNOWN_MARKETS.map((code) => (
              <label key={code} className="check">
                <input type="checkbox" checked={markets.includes(code)} onChange={(e) => toggleMarket(code, e.target.checked)} />
                {code}
              </label>
            ))}
          </div>
          <InlineField
            id={fid('otherMarkets')}
            label="Other markets"
            placeholder="e.g. CA JP"
            value={otherMarkets.join(' ')}
            parse={parseOtherMarkets}
            onCommit={(value) => save({ markets: [...new Set([...product.markets.filter((m) => known.includes(m)), ...(value as string[])])] })}
            hint="Short upper-case codes separated by spaces."
          />
          {marketError && <p className="field-error" role="alert">{marketError}</p>}
          {marketReading(product.markets) && <p className="hint" data-testid="market-reading">{marketReading(product.markets)}.</p>}
        </fieldset>
        <div className="field">
          <label htmlFor={fid('soldToConsumers')}>Sold to consumers</label>
          <select
            id={fid('soldToConsumers')}
            value={product.soldToConsumers ?? ''}
            aria-describedby={`${fid('soldToConsumers')}-hint`}
            onChange={(e) => void save({ soldToConsumers: e.target.value === '' ? null : (e.target.value as SoldToConsumers) }).catch(() => undefined)}
          >
            <option value="">{CONSUMER_DEFAULT_TEXT(environment)}</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
          <p className="hint" id={`${fid('soldToConsumers')}-hint`}>The UK PSTI rules cover products sold to consumers only.</p>
        </div>
        <div className="field">
          <label htmlFor={fid('sectorRegulation')}>Sector regulation</label>
          <select
            id={fid('sectorRegulation')}
            value={product.sectorRegulation ?? ''}
            aria-describedby={`${fid('sectorRegulation')}-hint`}
            onChange={(e) => void save({ sectorRegulation: e.target.value === '' ? null : (e.target.value as SectorRegulation) }).catch(() => undefined)}
          >
            <option value="">None</option>
            {SECTOR_REGULATIONS.map((r) => <option key={r} value={r}>{SECTOR_REGULATION_LABELS[r]}</option>)}
          </select>
          <p className="hint" id={`${fid('sectorRegulation')}-hint`}>A product under one of these is outside the CRA (Art 2(2)–(4)).</p>
        </div>
        <InlineField
          {...field('firstPlacedOnMarket')}
          label="First placed on the market"
          value={product.firstPlacedOnMarket ?? ''}
          parse={parseDate}
          placeholder="YYYY-MM-DD"
          hint={DATE_HINT}
        />
        <InlineField
          {...field('lastPlacedOnMarket')}
          label="Last placed on the market"
          value={product.lastPlacedOnMarket ?? ''}
          parse={parseDate}
          placeholder="empty = still on sale"
          hint={product.lastPlacedOnMarket ? DATE_HINT : 'Empty: the product is still on sale (no last date yet).'}
        />
        {product.lastPlacedOnMarket === null && (
          <InlineField
            {...field('plannedLastPlaced')}
            label="Planned end of sale"
            value={product.plannedLastPlaced ?? ''}
            parse={parseDate}
            placeholder="empty = sales counted as stopping today"
            hint={`${DATE_HINT} The planner and fleet forecast count from it while the product is on sale.`}
          />
        )}
        <InlineField
          {...field('expectedUseYears')}
          label="Expected use (years)"
          value={product.expectedUseYears === null ? '' : String(product.expectedUseYears)}
          parse={(t) => parseNumber(t, shape.expectedUseYears, 'the years')}
          inputMode="decimal"
          hint="How long people are expected to use one unit (CRA Art. 13(8))."
        />
        <InlineField
          {...field('declaredSupportEnd')}
          label="Declared security-support end"
          value={product.declaredSupportEnd ?? ''}
          parse={parseDate}
          placeholder="YYYY-MM or YYYY-MM-DD"
          hint={`${DATE_HINT} The end of the support period you publish.`}
        />
        <InlineField
          {...field('unitsPerYear')}
          label="Units placed per year"
          value={product.unitsPerYear === null ? '' : String(product.unitsPerYear)}
          parse={(t) => parseWholeNumber(t, shape.unitsPerYear, 'the units')}
          inputMode="numeric"
        />
        <InlineField
          {...field('expectedUseRationale')}
          className="wide"
          label="Why this expected use"
          value={product.expectedUseRationale}
          parse={(t) => parseText(t, shape.expectedUseRationale)}
          multiline
          hint="The reasoning behind the expected use period (CRA Art. 13(8)): market data, warranty, user surveys… Saved when you leave the field."
        />
      </div>
    </section>
  );
}
