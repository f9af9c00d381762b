import { build } from 'esbuild';
import { EXTERNAL_MODULES, FUNCTION_BUILD_OPTIONS } from '../infra/constructs/bundling.js';

for (const fn of process.argv.slice(2)) {
  const r = await build({
    ...FUNCTION_BUILD_OPTIONS,
    entryPoints: [`functions/${fn}.ts`],
    bundle: true,
    write: false,
    metafile: true,
    external: [...EXTERNAL_MODULES],
    outdir: '/tmp/meta',
  } as never);
  const out = Object.values(r.metafile!.outputs).find((o) => o.entryPoint)!;
  const groups: Record<string, number> = {};
  for (const [path, { bytesInOutput }] of Object.entries(out.inputs)) {
    const key = path.includes('node_modules')
      ? path.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1')
      : path.split('/').slice(0, 3).join('/');
    groups[key] = (groups[key] ?? 0) + bytesInOutput;
  }
  console.log(fn, out.bytes);
  console.log(
    Object.entries(groups)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 18)
      .map(([k, v]) => `  ${k} ${(v / 1024).toFixed(1)}`)
      .join('\n'),
  );
}
