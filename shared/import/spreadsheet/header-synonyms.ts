/**
 * What users call the template's columns, in English and German. Compared
 * after `fold` (case, umlauts, punctuation do not matter). A new template
 * column gets its entry here; a name may appear under one column only.
 */
import type { TemplateColumn } from '../../csv/columns';
import { fold, foldWithoutHint } from './fold';

export const HEADER_SYNONYMS: Readonly<Record<TemplateColumn, readonly string[]>> = {
  product_line: ['product line', 'productline', 'line', 'product family', 'family', 'series', 'product series', 'Produktlinie', 'Produktfamilie', 'Produktreihe', 'Baureihe', 'Serie', 'Linie'],
  environment: ['environment', 'use environment', 'segment', 'market segment', 'sector', 'Umgebung', 'Einsatzumgebung', 'Einsatzbereich', 'Segment', 'Marktsegment', 'Sektor'],
  product: ['product', 'product name', 'model', 'model name', 'device', 'Produkt', 'Produktname', 'Modell', 'Gerät', 'Geraet', 'Produktbezeichnung'],
  sku: ['sku', 'article number', 'article no', 'part number', 'item number', 'product number', 'Artikelnummer', 'Art Nr', 'Artikel Nr', 'Materialnummer', 'Sachnummer'],
  category: ['category', 'product category', 'device type', 'product type', 'Kategorie', 'Produktkategorie', 'Gerätetyp', 'Geraetetyp', 'Produktart', 'Produkttyp'],
  markets: ['markets', 'market', 'countries', 'regions', 'sales regions', 'sold in', 'Märkte', 'Maerkte', 'Markt', 'Länder', 'Laender', 'Vertriebsregionen', 'Absatzmärkte'],
  first_placed_on_market: ['first placed on market', 'placed on market', 'launch', 'launch date', 'market launch', 'market entry', 'first sale', 'sop', 'Markteinführung', 'Markteinfuehrung', 'erstes Inverkehrbringen', 'Inverkehrbringen ab', 'Verkaufsstart', 'Markteintritt'],
  last_placed_on_market: ['last placed on market', 'end of sale', 'end of sales', 'eos', 'last sale', 'discontinued', 'Verkaufsende', 'letztes Inverkehrbringen', 'Inverkehrbringen bis', 'Abkündigung', 'Abkuendigung', 'Vertriebsende'],
  expected_use_years: ['expected use years', 'expected use', 'expected use period', 'expected lifetime', 'useful life', 'service life', 'Nutzungsdauer', 'erwartete Nutzungsdauer', 'Produktlebensdauer'],
  declared_support_end: ['declared support end', 'support end', 'support until', 'support period end', 'end of support', 'security updates until', 'Supportende', 'Support bis', 'Supportzeitraum bis', 'Unterstützungszeitraum bis', 'Sicherheitsupdates bis', 'Updates bis', 'Support Ende'],
  units_per_year: ['units per year', 'units year', 'annual units', 'annual volume', 'volume per year', 'yearly volume', 'Stückzahl pro Jahr', 'Stueckzahl pro Jahr', 'Stück pro Jahr', 'Stück Jahr', 'Jahresstückzahl', 'Jahresmenge', 'Stückzahl'],
  product_notes: ['product notes', 'product comment', 'product remarks', 'Produktnotizen', 'Produkt Bemerkungen', 'Bemerkungen Produkt', 'Anmerkungen Produkt'],
  component: ['component', 'component name', 'part', 'part name', 'module', 'Komponente', 'Komponentenname', 'Bauteil', 'Baugruppe', 'Modul'],
  class: ['class', 'component class', 'kind', 'Klasse', 'Komponentenklasse', 'Art'],
  role: ['role', 'component role', 'function', 'component type', 'Rolle', 'Funktion', 'Komponententyp'],
  supplier: ['supplier', 'vendor', 'manufacturer', 'maker', 'source', 'Lieferant', 'Hersteller', 'Zulieferer', 'Anbieter'],
  version: ['version', 'firmware version', 'software version', 'revision', 'release', 'Version', 'Stand', 'Softwarestand', 'Revision'],
  core: ['core', 'core component', 'essential', 'critical', 'Kernkomponente', 'Kern', 'wesentlich', 'kritisch'],
  security_support_end: ['security support end', 'security support until', 'supplier support end', 'supplier security support', 'component support end', 'eol', 'end of life', 'Sicherheitssupport bis', 'Sicherheitssupport Ende', 'Lieferantensupport bis', 'Herstellersupport bis', 'Security Support Ende'],
  update_mechanism: ['update mechanism', 'update method', 'update', 'updates', 'update path', 'Updatemechanismus', 'Update Mechanismus', 'Aktualisierung', 'Update Weg', 'Updateweg'],
  expected_life_years: ['expected life years', 'expected life', 'life expectancy', 'lifetime', 'life years', 'Lebensdauer', 'erwartete Lebensdauer'],
  field_replaceable: ['field replaceable', 'replaceable', 'replaceable by', 'replaced by', 'Austauschbar', 'tauschbar durch', 'Austausch durch', 'Wechsel durch'],
  spare_parts_until: ['spare parts until', 'spare parts', 'spares until', 'spare part availability', 'Ersatzteile bis', 'Ersatzteilverfügbarkeit', 'Ersatzteilverfuegbarkeit', 'Ersatzteile'],
  repair_docs: ['repair docs', 'repair documentation', 'repair manual', 'repair information', 'Reparaturanleitung', 'Reparaturdokumentation', 'Reparaturinformationen'],
  expires: ['expires', 'expiry', 'expiry date', 'expiration', 'valid until', 'not valid after', 'Ablauf', 'Ablaufdatum', 'gültig bis', 'gueltig bis', 'läuft ab', 'Gültigkeit bis'],
  purl: ['purl', 'package url', 'package'],
  cpe: ['cpe', 'cpe name'],
  sold_to_consumers: ['sold to consumers', 'consumer product', 'for consumers', 'b2c', 'consumer sale', 'an Verbraucher', 'Verbraucherprodukt', 'Verkauf an Verbraucher', 'Endkundenprodukt'],
  sector_regulation: ['sector regulation', 'sector law', 'regulation', 'regulatory framework', 'Sektorregulierung', 'Sektorrecht', 'Regulierung', 'Rechtsrahmen'],
  planned_last_placed: ['planned last placed', 'planned end of sale', 'planned end of sales', 'planned eos', 'geplantes Verkaufsende', 'geplantes Vertriebsende', 'Verkaufsende geplant'],
  on_shutdown: ['on shutdown', 'when service ends', 'on service end', 'if shut down', 'bei Abschaltung', 'bei Dienstende', 'nach Abschaltung'],
  component_notes: ['component notes', 'notes', 'note', 'comments', 'comment', 'remarks', 'Notizen', 'Notiz', 'Bemerkungen', 'Bemerkung', 'Kommentar', 'Kommentare', 'Anmerkungen'],
};

/** German wordings, for telling a file's conventions. */
const GERMAN = new Set<string>();
const BY_FOLDED = new Map<string, TemplateColumn>();
for (const [column, names] of Object.entries(HEADER_SYNONYMS) as [TemplateColumn, readonly string[]][]) {
  BY_FOLDED.set(fold(column), column);
  names.forEach((n) => {
    BY_FOLDED.set(fold(n), column);
    if (/^[A-ZÄÖÜ]/.test(n) && !/^(SKU|Version|Revision|Segment|Serie)$/.test(n)) GERMAN.add(fold(n));
  });
}

export interface HeaderMatch {
  column: TemplateColumn;
  /** The user's wording was German. */
  german: boolean;
}

/** The template column a header names, or null. */
export function matchHeader(text: string): HeaderMatch | null {
  const full = fold(text);
  if (full === '') return null;
  const direct = BY_FOLDED.get(full);
  if (direct) return { column: direct, german: GERMAN.has(full) };
  const bare = foldWithoutHint(text);
  const hinted = BY_FOLDED.get(bare);
  return hinted ? { column: hinted, german: GERMAN.has(bare) } : null;
}
