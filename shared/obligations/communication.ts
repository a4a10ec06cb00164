/**
 * End-of-support communication per product: notices before the effective
 * support end (shared/engine/support-end.ts, the one definition), by default
 * 12 and 6 months before and on the day; channels; a notice text filled from
 * the product's data; the support-period disclosure shown at purchase (CRA
 * Art 13(19), Annex II(7); PSTI; EN 303 645 5.3-13); and the fields a labelling
 * registry asks for (US Cyber Trust Mark: support period, automatic updates).
 */
import { formatCount } from '../format/format';
import { z } from 'zod';
import { addMonths, dayToIso, parseLifecycleDate } from '../domain/dates';
import { idSchema, MAX_NAME, MAX_TEXT } from '../domain/schemas';
import type { Product, ProductLine } from '../domain/schemas';
import { effectiveSupportEnd } from '../engine/support-end';
import { toICalendar } from '../interop/ics';
import type { Milestone } from '../interop/ics';

export const DEFAULT_NOTICE_MONTHS: readonly number[] = [12, 6, 0];
export const CHANNELS = ['email', 'in-app', 'website', 'packaging', 'retailer', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  email: 'E-mail to registered customers',
  'in-app': 'Notice in the app or on the device',
  website: 'Product support web page',
  packaging: 'Packaging and point of sale',
  retailer: 'Retailers and distributors',
  letter: 'Letter',
};

export const communicationPlanSchema = z.strictObject({
  /** One plan per product: the product's id. */
  productId: idSchema,
  /** Months before the effective end, e.g. [12, 6, 0]; 0 = on the day. */
  noticeMonths: z.array(z.number().int().min(0).max(120)).min(1, 'give at least one notice').max(12)
    .refine((a) => new Set(a).size === a.length, 'each month offset appears once'),
  channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).default(['email', 'website']),
  /** What stops at the end (security updates; and, for ecosystem services, what else). */
  whatStops: z.string().max(MAX_TEXT).default('security updates'),
  /** What the customer should do. */
  whatToDo: z.string().max(MAX_TEXT).default(''),
  /** Whether security updates install automatically (labelling registries ask). null = not recorded. */
  automaticUpdates: z.boolean().nullable().default(null),
  contact: z.string().max(MAX_NAME).default(''),
});
export type CommunicationPlan = z.infer<typeof communicationPlanSchema>;

export function defaultCommunicationPlan(productId: string): CommunicationPlan {
  return communicationPlanSchema.parse({ productId, noticeMonths: [...DEFAULT_NOTICE_MONTHS] });
}

export interface Notice {
  productId: string;
  monthsBefore: number;
  /** `YYYY-MM-DD`. */
  date: string;
  /** The effective support end the notice counts from. */
  supportEnd: string;
  channels: Channel[];
  subject: string;
  text: string;
}

function modelDesignation(p: Product): string {
  return p.sku ? `${p.name} (model ${p.sku})` : p.name;
}

function noticeText(p: Product, plan: CommunicationPlan, end: string, monthsBefore: number): { subject: string; text: string } {
  const model = modelDesignation(p);
  const when = monthsBefore === 0 ? `Today, ${end}, security support for ${model} ends.` : `Security support for ${model} ends on ${end}, in ${formatCount(monthsBefore, 'month')}.`;
  const stops = plan.whatStops.trim() || 'security updates';
  const todo = plan.whatToDo.trim() || 'Plan to replace the product before the end of support, or keep it off untrusted networks after it.';
  const contact = plan.contact.trim() ? ` Questions: ${plan.contact.trim()}.` : '';
  return {
    subject: monthsBefore === 0 ? `Security support ends today: ${model}` : `Security support ends ${end}: ${model}`,
    text: `${when} After that date these stop: ${stops}. What to do: ${todo}${contact}`,
  };
}

/**
 * The notices of a plan, from the product's effective support end; empty when
 * the end is unknown. Month-precision ends count from the month's last day.
 */
export function noticesFor(product: Product, plan: CommunicationPlan): Notice[] {
  const end = effectiveSupportEnd(product).end;
  if (end === null) return [];
  const r = parseLifecycleDate(end);
  if (!r.ok) return [];
  return [...plan.noticeMonths].sort((a, b) => b - a).map((m) => {
    const date = dayToIso(addMonths(r.day, -m));
    return { productId: product.id, monthsBefore: m, date, supportEnd: end, channels: [...plan.channels], ...noticeText(product, plan, end, m) };
  });
}

const uidPart = (s: string): string => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** The notices as calendar events for shared/interop/ics.ts (stable UIDs: re-importing updates them). */
export function noticeMilestones(product: Product, plan: CommunicationPlan): Milestone[] {
  return noticesFor(product, plan).map((n) => ({
    uid: `support-end-notice-${uidPart(product.id)}-${n.monthsBefore}m@supportspan`,
    kind: 'support-end-notice' as const,
    date: n.date,
    monthPrecision: false,
    summary: `Send notice: ${n.subject}`,
    description: `${n.text}\nChannels: ${n.channels.map((c) => CHANNEL_LABELS[c]).join(', ') || 'none chosen'}.`,
    categories: ['Support end notice', product.name],
    productId: product.id,
    componentId: null,
  }));
}

/**
 * The iCalendar feed of the notices of every product with a known effective
 * end: stored plans, and the default plan for products without one.
 */
export function noticesICalendar(products: readonly Product[], plans: readonly CommunicationPlan[], now: string): string {
  const byProduct = new Map(plans.map((p) => [p.productId, p]));
  const events = products.flatMap((p) => noticeMilestones(p, byProduct.get(p.id) ?? defaultCommunicationPlan(p.id)));
  return toICalendar(events, { prodId: '-//Supportspan//End-of-support notices//EN', now, calendarName: 'End-of-support notices' });
}

/** What is shown at purchase: the end date of the support period, at least month and year. */
export function purchaseDisclosure(product: Product): string {
  const end = effectiveSupportEnd(product).end;
  const model = modelDesignation(product);
  if (end === null) return `${model}: the end date of the support period is not yet declared.`;
  const monthYear = new Date(`${end}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `${model} receives security updates until at least ${monthYear} (${end}).`;
}

export interface RegistryFields {
  product: string;
  modelDesignation: string;
  productLine: string;
  /** The effective end, `YYYY-MM-DD`, or null. */
  supportPeriodEnd: string | null;
  supportPeriodStatement: string;
  /** Whether updates are automatic: "yes", "no" or "not recorded". */
  automaticUpdates: 'yes' | 'no' | 'not recorded';
  updateMechanisms: string[];
}

/** The fields a labelling registry (e.g. the US Cyber Trust Mark registry) asks for. */
export function registryFields(product: Product, line: ProductLine | undefined, plan: CommunicationPlan): RegistryFields {
  const mechanisms = [...new Set(product.components.map((c) => c.updateMechanism).filter((m): m is NonNullable<typeof m> => m !== null))].sort();
  return {
    product: product.name,
    modelDesignation: product.sku,
    productLine: line?.name ?? '',
    supportPeriodEnd: effectiveSupportEnd(product).end,
    supportPeriodStatement: purchaseDisclosure(product),
    automaticUpdates: plan.automaticUpdates === null ? 'not recorded' : plan.automaticUpdates ? 'yes' : 'no',
    updateMechanisms: mechanisms,
  };
}
