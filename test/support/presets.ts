import { vi } from 'vitest';
import type { LocalRuntimeOptions } from '../../infra/local/runtime.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';

/**
 * The sections of a policy document that differ from the defaults: what `CLOSELOOP_POLICY` must
 * carry (whole sections, over the defaults) for the runtime to run that document.
 */
export function sectionsOverDefaults(doc: PolicyDocument): Record<string, unknown> {
  const defaults = defaultIntakePolicy as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(doc).filter(([section, value]) => JSON.stringify(value) !== JSON.stringify(defaults[section])),
  );
}

/**
 * A local runtime running under a preset (or any policy document). The one place that says how a
 * policy reaches the runtime: today the `CLOSELOOP_POLICY` seed. Each runtime has modules of its own
 * (vi.resetModules, then the runtime imported afresh): a handler reads its policy once, at its cold
 * start, so an earlier runtime of the same test file would otherwise hand its policy on; and the
 * runtime's scaled clock reaches only the handlers of its own module graph (shared/clock.ts).
 */
export async function presetRuntime(name: string, doc: PolicyDocument, opts: Partial<LocalRuntimeOptions> = {}) {
  vi.resetModules();
  const { lifecycleRuntime } = await import('./lifecycle.js');
  return lifecycleRuntime(`preset-${name}`, {
    ...opts,
    env: { RATE_LIMIT_PER_MINUTE: '0', CLOSELOOP_POLICY: JSON.stringify(sectionsOverDefaults(doc)), ...opts.env },
  });
}
