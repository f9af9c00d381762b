import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { ValidationError } from '../../shared/errors/index.js';
import { batchOf, detect, type Sighting, windowStart } from '../../shared/incidents/detect.js';
import { defaultIncidentPolicy } from '../../shared/incidents/policy.js';
import { ComplaintInput } from '../../shared/model/complaint.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import { defaultGradingPolicy } from '../../shared/policy/grading-rules.js';
import { defaultRoutingPolicy } from '../../shared/policy/routing-rules.js';
import { parsePolicyDocument } from '../../shared/policy/schema.js';
import { complaintFromForm } from '../../web/form-page.js';

const policy = defaultIncidentPolicy;
const calendar = createCalendar(defaultPolicy.calendar);
const sighting = (n: number, receivedAt: string): Sighting => ({
  complaintId: `c${n}`,
  ticketNumber: `202612-000${n}`,
  receivedAt,
});

describe('which complaints make one batch', () => {
  it('groups a product-fault complaint by its model and lot, whatever the spelling', () => {
    const a = batchOf({ category: 'product_quality', product: { model: 'KX-200', lot: 'l2611' } }, policy);
    const b = batchOf({ category: 'function_fault', product: { model: ' ｋｘ２００ ', lot: 'L2611' } }, policy);
    expect(a?.key).toBeDefined();
    expect(a?.key).toBe(b?.key);
    expect(a).toMatchObject({ model: 'KX-200', lot: 'l2611' });
  });

  it('keeps a lot apart from the same model without a lot, and from another lot', () => {
    const withLot = batchOf({ category: 'safety', product: { model: 'KX-200', lot: 'L1' } }, policy);
    const noLot = batchOf({ category: 'safety', product: { model: 'KX-200' } }, policy);
    const otherLot = batchOf({ category: 'safety', product: { model: 'KX-200', lot: 'L2' } }, policy);
    expect(new Set([withLot?.key, noLot?.key, otherLot?.key]).size).toBe(3);
    expect(noLot?.lot).toBeUndefined();
  });

  it('takes the serial-number prefix as the lot when no lot is given', () => {
    const a = batchOf(
      { category: 'product_quality', product: { model: 'KX-200', serialNumber: 'SN2611-0001' } },
      policy,
    );
    const b = batchOf(
      { category: 'product_quality', product: { model: 'KX-200', serialNumber: 'sn2611-0932' } },
      policy,
    );
    expect(a?.lot).toBe('SN2611');
    expect(a?.key).toBe(b?.key);
  });

  it('reads the lot from the web form and the API alike', () => {
    const body = complaintFromForm(
      { description: 'Leaks', 'customer.email': 'a@example.com', 'product.model': 'KX-200', 'product.lot': 'L2611' },
      'en',
    );
    expect(ComplaintInput.parse(body).product).toEqual({ model: 'KX-200', lot: 'L2611' });
  });

  it('ignores other categories and complaints without a model', () => {
    expect(batchOf({ category: 'service', product: { model: 'KX-200' } }, policy)).toBeUndefined();
    expect(batchOf({ category: 'billing', product: { model: 'KX-200', lot: 'L1' } }, policy)).toBeUndefined();
    expect(batchOf({ category: 'product_quality', product: { serialNumber: 'SN2611-0001' } }, policy)).toBeUndefined();
    expect(batchOf({ category: 'product_quality' }, policy)).toBeUndefined();
  });
});

const WEEK = 7 * 24 * 3600 * 1000;
const detectFor = (complaintId: string, sightings: Sighting[], openIncidentId?: string) =>
  detect({ complaintId, sightings, windowMs: WEEK, policy, ...(openIncidentId ? { openIncidentId } : {}) });

describe('when a batch becomes an incident', () => {
  it('opens at the threshold and not before', () => {
    const two = [sighting(1, '2026-12-01T01:00:00.000Z'), sighting(2, '2026-12-02T01:00:00.000Z')];
    expect(detectFor('c2', two)).toEqual({ kind: 'none' });
    const three = [...two, sighting(3, '2026-12-03T01:00:00.000Z')];
    const opened = detectFor('c3', three);
    expect(opened.kind).toBe('open');
    expect(opened.kind === 'open' && opened.complaints.map((c) => c.complaintId)).toEqual(['c1', 'c2', 'c3']);
  });

  it('counts a complaint seen twice once', () => {
    const twice = [
      sighting(1, '2026-12-01T01:00:00.000Z'),
      sighting(1, '2026-12-01T01:00:00.000Z'),
      sighting(2, '2026-12-02T01:00:00.000Z'),
    ];
    expect(detectFor('c2', twice)).toEqual({ kind: 'none' });
  });

  it('joins the open incident of the batch whatever the count', () => {
    expect(detectFor('c9', [], 'inc1')).toEqual({ kind: 'join', incidentId: 'inc1' });
  });

  it('does not count complaints further apart than the window', () => {
    const spread = [
      sighting(1, '2026-11-20T01:00:00.000Z'),
      sighting(2, '2026-11-30T01:00:00.000Z'),
      sighting(3, '2026-12-03T01:00:00.000Z'),
    ];
    expect(detectFor('c3', spread)).toEqual({ kind: 'none' });
  });

  it('opens when the complaint that completes the batch is processed before an earlier one', () => {
    const all = [
      sighting(1, '2026-12-01T01:00:00.000Z'),
      sighting(2, '2026-12-02T01:00:00.000Z'),
      sighting(3, '2026-12-03T01:00:00.000Z'),
    ];
    const opened = detectFor('c2', all);
    expect(opened.kind === 'open' && opened.complaints.map((c) => c.complaintId)).toEqual(['c1', 'c2', 'c3']);
  });

  it('looks back over the policy window: seven days by default', () => {
    const start = windowStart(new Date('2026-12-08T01:00:00.000Z'), policy, calendar);
    expect(start.toISOString()).toBe('2026-12-01T01:00:00.000Z');
  });
});

describe('the incident policy', () => {
  const document = (incidents: unknown) => ({
    ...defaultPolicy,
    staff: undefined,
    grading: defaultGradingPolicy,
    routing: defaultRoutingPolicy,
    incidents,
  });

  it('accepts the defaults: 3 complaints in 7 days, a plan within 2 h, the quality head and the managers told', () => {
    const { staff: _staff, ...rest } = document(defaultIncidentPolicy);
    expect(parsePolicyDocument(rest).incidents).toEqual({
      threshold: 3,
      window: { days: 7 },
      categories: ['product_quality', 'function_fault', 'safety'],
      serialPrefixLength: 6,
      planWithin: { hours: 2 },
      notify: [{ role: 'department_head', department: 'quality' }, { role: 'manager' }],
    });
  });

  it('refuses a threshold of one, no categories and nobody to tell, naming each field', () => {
    const { staff: _staff, ...rest } = document({ ...defaultIncidentPolicy, threshold: 1, categories: [], notify: [] });
    const error = (() => {
      try {
        parsePolicyDocument(rest);
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toMatchObject({
      'incidents.threshold': { code: 'incident_threshold_too_small' },
      'incidents.categories': { code: 'incident_categories_empty' },
      'incidents.notify': { code: 'incident_notify_empty' },
    });
  });
});
