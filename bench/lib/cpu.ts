import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU per request, which a shared machine's load does not bend as it bends wall time: this Node
 * process (the local runtime: gateway, handlers, the workflow's steps, the SES and Step Functions
 * emulators; for the raw rows only the SDK client) and the DynamoDB Local JVM (from /proc; Linux only).
 */
export function cpuMeter(): () => { node: number; jvm: number | undefined } {
  const jvmPid = readdirSync('/proc', { withFileTypes: true }).find((d) => {
    if (!/^\d+$/.test(d.name)) return false;
    try {
      const stat = readFileSync(`/proc/${d.name}/stat`, 'utf8');
      return (
        stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(process.pid) &&
        readFileSync(`/proc/${d.name}/cmdline`, 'utf8').includes('DynamoDBLocal')
      );
    } catch {
      return false;
    }
  })?.name;
  // utime + stime, in clock ticks (100 per second on Linux).
  const jvmMs = () => {
    if (!jvmPid) return undefined;
    const fields = readFileSync(`/proc/${jvmPid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
  const node0 = process.cpuUsage();
  const jvm0 = jvmMs();
  return () => {
    const node = process.cpuUsage(node0);
    const jvm = jvmMs();
    return {
      node: (node.user + node.system) / 1000,
      jvm: jvm === undefined || jvm0 === undefined ? undefined : jvm - jvm0,
    };
  };
}
