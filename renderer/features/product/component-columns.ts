/** The component grid's columns: one per component field, each parsed with the component schema. */
import {
  COMPONENT_CLASSES,
  FIELD_REPLACEABLE,
  ON_SHUTDOWN,
  ON_SHUTDOWN_LABELS,
  ROLES,
  UPDATE_MECHANISMS,
  componentSchema,
  dependencyNames,
  isEcosystemRole,
  resolveDependencyNames,
  sourcesSchema,
  type Component,
  type ComponentClass,
  type Role,
} from '../../../shared/domain';
import type { GridColumn, GridOption } from '../grid/grid-types';
import { parseDate, parseNumber, parseOption, parseText, parseYesNo, yesNoText, YES_NO_OPTIONS } from './field-parsers';

const shape = componentSchema.shape;

export const CLASS_LABELS: Record<ComponentClass, string> = { it: 'IT', mechanical: 'Mechanical' };

const ROLE_SPECIAL: Partial<Record<Role, string>> = { os: 'OS', soc: 'SoC', 'ai-model': 'AI model', 'ai-runtime': 'AI runtime', 'xr-display': 'XR display', 'mobile-app': 'Mobile app', 'basket-rack': 'Basket or rack', seal: 'Seal (other)' };
export function roleLabel(role: Role): string {
  return ROLE_SPECIAL[role] ?? role.charAt(0).toUpperCase() + role.slice(1).replace(/-/g, ' ');
}

const CLASS_OPTIONS: GridOption[] = COMPONENT_CLASSES.map((c) => ({ value: c, label: CLASS_LABELS[c] }));
const ROLE_OPTIONS: GridOption[] = ROLES.map((r) => ({ value: r, label: roleLabel(r) }));
const UPDATE_OPTIONS: GridOption[] = [
  { value: '', label: 'Unknown' },
  ...UPDATE_MECHANISMS.map((u) => ({ value: u, label: u === 'ota' ? 'Over the air' : u === 'local' ? 'Local' : 'None' })),
];
const REPLACEABLE_OPTIONS: GridOption[] = [
  { value: '', label: 'Unknown' },
  ...FIELD_REPLACEABLE.map((f) => ({ value: f, label: f === 'user' ? 'By the user' : f === 'professional' ? 'By a professional' : 'No' })),
];

const ON_SHUTDOWN_OPTIONS: GridOption[] = [
  { value: '', label: 'Not recorded' },
  ...ON_SHUTDOWN.map((o) => ({ value: o, label: ON_SHUTDOWN_LABELS[o].replace(/^device /, 'Device ') })),
];

const DATE_HINT = 'YYYY-MM-DD, or YYYY-MM for the end of a month; empty = unknown';

function dateColumn(key: 'securitySupportEnd' | 'sparePartsUntil' | 'expires', header: string, width = 150): GridColumn<Component> {
  return { key, header, width, editor: 'text', hint: DATE_HINT, text: (c) => c[key] ?? '', parse: parseDate };
}

function sourceColumn(key: keyof Component['sources'], header: string): GridColumn<Component> {
  return {
    key: `sources.${key}`,
    header,
    width: 170,
    editor: 'text',
    hint: 'Where the date came from: supplier letter, catalog, manual…',
    text: (c) => c.sources[key] ?? '',
    parse: (t) => parseText(t, sourcesSchema.shape[key], true),
  };
}

export const COMPONENT_COLUMNS: readonly GridColumn<Component>[] = [
  { key: 'name', header: 'Name', width: 200, editor: 'text', pinned: true, text: (c) => c.name, parse: (t) => parseText(t, shape.name) },
  {
    key: 'class',
    header: 'Class',
    width: 110,
    editor: 'select',
    options: CLASS_OPTIONS,
    text: (c) => c.class,
    parse: (t) => parseOption(t, CLASS_OPTIONS, 'a class is required: it or mechanical'),
  },
  {
    key: 'role',
    header: 'Role',
    width: 120,
    editor: 'select',
    options: ROLE_OPTIONS,
    text: (c) => c.role,
    parse: (t) => parseOption(t, ROLE_OPTIONS, 'a role is required'),
  },
  { key: 'supplier', header: 'Supplier', width: 150, editor: 'text', text: (c) => c.supplier, parse: (t) => parseText(t, shape.supplier) },
  { key: 'version', header: 'Version', width: 100, editor: 'text', text: (c) => c.version, parse: (t) => parseText(t, shape.version) },
  {
    key: 'core',
    header: 'Core',
    width: 90,
    editor: 'select',
    options: YES_NO_OPTIONS,
    hint: 'Needed for the product’s core function: yes, no or unknown',
    text: (c) => yesNoText(c.core),
    parse: parseYesNo,
  },
  dateColumn('securitySupportEnd', 'Security support end', 170),
  {
    key: 'updateMechanism',
    header: 'Updates',
    width: 130,
    editor: 'select',
    options: UPDATE_OPTIONS,
    text: (c) => c.updateMechanism ?? '',
    parse: (t) => parseOption(t, UPDATE_OPTIONS, null),
  },
  {
    key: 'expectedLifeYears',
    header: 'Expected life (years)',
    width: 160,
    editor: 'text',
    align: 'end',
    hint: 'Years, e.g. 8 or 7.5; empty = unknown',
    text: (c) => (c.expectedLifeYears === null ? '' : String(c.expectedLifeYears)),
    parse: (t) => parseNumber(t, shape.expectedLifeYears, 'the years'),
  },
  {
    key: 'fieldReplaceable',
    header: 'Field replaceable',
    width: 150,
    editor: 'select',
    options: REPLACEABLE_OPTIONS,
    text: (c) => c.fieldReplaceable ?? '',
    parse: (t) => parseOption(t, REPLACEABLE_OPTIONS, null),
  },
  dateColumn('sparePartsUntil', 'Spare parts until'),
  {
    key: 'repairDocs',
    header: 'Repair docs',
    width: 110,
    editor: 'select',
    options: YES_NO_OPTIONS,
    text: (c) => yesNoText(c.repairDocs),
    parse: parseYesNo,
  },
  dateColumn('expires', 'Expires', 130),
  {
    key: 'onShutdown',
    header: 'On shutdown',
    width: 200,
    editor: 'select',
    options: ON_SHUTDOWN_OPTIONS,
    hint: 'Ecosystem services (cloud, app, gateway): what the device does when the service ends',
    text: (c) => c.onShutdown ?? '',
    parse: (t) => parseOption(t, ON_SHUTDOWN_OPTIONS, null),
  },
  sourceColumn('securitySupportEnd', 'Support end source'),
  sourceColumn('sparePartsUntil', 'Spare parts source'),
  sourceColumn('expires', 'Expiry source'),
  sourceColumn('expectedLifeYears', 'Life source'),
  { key: 'purl', header: 'Package URL', width: 200, editor: 'text', hint: 'pkg:…', text: (c) => c.purl ?? '', parse: (t) => parseText(t, shape.purl, true) },
  { key: 'cpe', header: 'CPE', width: 200, editor: 'text', hint: 'cpe:2.3:…', text: (c) => c.cpe ?? '', parse: (t) => parseText(t, shape.cpe, true) },
  {
    key: 'notes', header: 'Notes', width: 240, editor: 'text', hint: 'Free text, e.g. columns of an imported spreadsheet that have no field of their own',
    text: (c) => c.notes ?? '', parse: (t) => parseText(t, shape.notes, true),
  },
];

export const DEPENDS_ON_HEADER = 'Depends on';

/**
 * Other components of the same product this one depends on, by name ("Linux; C library"):
 * its support cannot outlast theirs. Needs the product's components to turn names into ids;
 * a name that matches none (or several) is refused here, a cycle by the repository.
 */
export function dependsOnColumn(components: readonly Pick<Component, 'id' | 'name'>[]): GridColumn<Component> {
  // Once per column, not per cell: a grid of thousands of rows asks for many cells' text.
  const names = new Map(components.map((c) => [c.id, c.name]));
  return {
    key: 'dependsOn',
    header: DEPENDS_ON_HEADER,
    width: 220,
    editor: 'text',
    hint: 'Names of other components of this product, separated by ;',
    text: (c) => (c.dependsOn?.length ? dependencyNames(c, names).join('; ') : ''),
    parse: (t) => {
      const r = resolveDependencyNames(t, components);
      if (!r.ok) return { ok: false, reason: r.reason };
      return { ok: true, value: r.ids.length ? r.ids : undefined };
    },
  };
}

/** The grid's columns for one product: every field's column, with its dependencies after the lifecycle fields. */
export function componentColumns(components: readonly Pick<Component, 'id' | 'name'>[]): GridColumn<Component>[] {
  const at = COMPONENT_COLUMNS.findIndex((c) => c.key.startsWith('sources.'));
  return [...COMPONENT_COLUMNS.slice(0, at), dependsOnColumn(components), ...COMPONENT_COLUMNS.slice(at)];
}

/** Grid values by column key → a component patch (sources merge into the existing ones). */
export function toComponentPatch(values: Record<string, unknown>): Partial<Omit<Component, 'id'>> {
  const patch: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  let hasSources = false;
  for (const [key, value] of Object.entries(values)) {
    if (key.startsWith('sources.')) {
      sources[key.slice('sources.'.length)] = value;
      hasSources = true;
    } else {
      patch[key] = value;
    }
  }
  if (hasSources) patch.sources = sources;
  return patch as Partial<Omit<Component, 'id'>>;
}

export const COMPONENT_GROUPS = ['all', 'it', 'ecosystem', 'mechanical'] as const;
export type ComponentGroup = (typeof COMPONENT_GROUPS)[number];

export const GROUP_LABELS: Record<ComponentGroup, string> = {
  all: 'All',
  it: 'IT (device)',
  ecosystem: 'Ecosystem (cloud, app, gateway)',
  mechanical: 'Mechanical',
};

export function groupOf(component: Pick<Component, 'class' | 'role'>): Exclude<ComponentGroup, 'all'> {
  if (component.class === 'mechanical') return 'mechanical';
  return isEcosystemRole(component.role) ? 'ecosystem' : 'it';
}

/** Class and role a new row gets in a group (a person changes them in the grid). */
export function defaultsFor(group: ComponentGroup): Pick<Component, 'class' | 'role'> {
  if (group === 'mechanical') return { class: 'mechanical', role: 'other' };
  if (group === 'ecosystem') return { class: 'it', role: 'cloud' };
  return { class: 'it', role: 'firmware' };
}

/** "components.12.securitySupportEnd" → the column header, for messages about a refused write. */
export function columnHeaderOf(field: string): string {
  const key = field === 'sources' ? field : field;
  if (key === 'dependsOn') return DEPENDS_ON_HEADER;
  return COMPONENT_COLUMNS.find((c) => c.key === key)?.header ?? field;
}
