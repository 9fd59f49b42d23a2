// Self time per function from a V8 .cpuprofile (node --cpu-prof), overall and for our own code
// (apps/*, libs/*). Run alone: node profile-summary.js <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  location: string;
  ms: number;
  share: number;
}

const OURS = /^(apps|libs)\//;

export function selfTimes(profile: CpuProfile): { total: number; all: SelfTime[]; ours: SelfTime[]; oursShare: number } {
  const byNode = new Map<number, CallFrame>(profile.nodes.map((node) => [node.id, node.callFrame]));
  const micros = new Map<string, { frame: CallFrame; us: number }>();
  let total = 0;
  profile.samples.forEach((nodeId, index) => {
    const frame = byNode.get(nodeId);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!frame) return;
    total += delta;
    const key = `${frame.functionName}|${frame.url}|${frame.lineNumber}`;
    const entry = micros.get(key) ?? { frame, us: 0 };
    entry.us += delta;
    micros.set(key, entry);
  });
  const rows = [...micros.values()]
    .map(({ frame, us }) => ({
      name: frame.functionName || '(anonymous)',
      location: frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '(native)',
      ms: us / 1000,
      share: total > 0 ? us / total : 0,
    }))
    .sort((a, b) => b.ms - a.ms);
  const ours = rows.filter((row) => OURS.test(row.location));
  return { total: total / 1000, all: rows, ours, oursShare: ours.reduce((sum, row) => sum + row.share, 0) };
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules >= 0) return path.slice(nodeModules);
  const ours = /\/((apps|libs)\/.*)$/.exec(path);
  return ours?.[1] ?? path;
}

export function formatSelfTimes(rows: SelfTime[], top: number): string {
  return rows
    .slice(0, top)
    .map((row) => `${(row.share * 100).toFixed(2).padStart(6)}%  ${row.ms.toFixed(1).padStart(8)} ms  ${row.name}  ${row.location}`)
    .join('\n');
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary.js <file.cpuprofile> [top]');
  const top = Number(process.argv[3] ?? 25);
  const summary = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  console.log(`profile: ${summary.total.toFixed(0)} ms sampled; our code (apps/, libs/) self time ${(summary.oursShare * 100).toFixed(1)}%`);
  console.log(`\ntop ${top} self time, all code:\n${formatSelfTimes(summary.all, top)}`);
  console.log(`\ntop ${top} self time, our code:\n${formatSelfTimes(summary.ours, top)}`);
}
