import type { PolicyDocument } from '../schema.js';
import { closeloopPreset } from './closeloop.js';
import { ref000Preset } from './ref-000.js';
import { ref001Preset } from './ref-001.js';
import { ref002Preset } from './ref-002.js';
import { ref004Preset } from './ref-004.js';

export const PRESET_NAMES = ['closeloop', 'ref-000', 'ref-001', 'ref-002', 'ref-004'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** A complete policy an operator can start from, and where its figures come from. */
export interface Preset {
  name: PresetName;
  title: { 'zh-CN': string; en: string };
  /** The reference document (shared/reference/) whose table it is; the defaults reconcile all five. */
  source: string;
  summary: { 'zh-CN': string; en: string };
}

/** GET /staff/policy/presets lists these; `presetPolicy(name)` is the document to start from. */
export const PRESETS: readonly Preset[] = [
  {
    name: 'closeloop',
    title: { 'zh-CN': 'Closeloop 默认策略', en: 'Closeloop defaults' },
    source: 'PRODUCT.md (reconciles 000-004)',
    summary: {
      'zh-CN': 'P1 15 分钟分派、1 小时联系客户；P3 1 个工作日内联系；无人评价 3 个工作日后结案。',
      en: 'P1 assigned in 15 min, customer contacted in 1 h; P3 contacted within 1 working day; closed 3 working days after an unanswered survey.',
    },
  },
  {
    name: 'ref-000',
    title: { 'zh-CN': '产品问题投诉处理模板（000）', en: 'Product complaint template (000)' },
    source: '000_e1b039389566abaa.txt',
    summary: {
      'zh-CN': '普通/紧急/特急：登记 2 小时/30 分钟/10 分钟；一律 4 小时内联系客户，24 小时出方案；执行后 2 小时回访。',
      en: 'Normal/urgent/extra urgent: registered in 2 h/30 min/10 min; every complaint contacted within 4 h, solution in 24 h; result confirmed 2 h after.',
    },
  },
  {
    name: 'ref-001',
    title: { 'zh-CN': '投诉处理不及时解决方案（001）', en: 'Plan against slow complaint handling (001)' },
    source: '001_735c9bdf87339ba6.txt',
    summary: {
      'zh-CN': '一级/二级/三级：1/2/4 小时响应；一级 24 小时出方案，二级 48 小时完成，三级 72 小时闭环。',
      en: 'Levels 1/2/3: respond in 1/2/4 h; level 1 solution in 24 h, level 2 done in 48 h, level 3 closed in 72 h.',
    },
  },
  {
    name: 'ref-002',
    title: { 'zh-CN': '售后服务反馈跟踪模板（002）', en: 'After-sales feedback tracking (002)' },
    source: '002_e9644464eac74220.txt',
    summary: {
      'zh-CN': '紧急/高/中/低：2/4/8/24 小时响应，24/48/72 小时/7 天解决；客户确认后才结案。',
      en: 'Urgent/high/medium/low: respond in 2/4/8/24 h, resolve in 24/48/72 h/7 days; closed only once the customer confirms.',
    },
  },
  {
    name: 'ref-004',
    title: { 'zh-CN': '售后服务与投诉处理手册（004）', en: 'After-sales and complaint handbook (004)' },
    source: '004_0b4f44c0d3c3bcdc.txt',
    summary: {
      'zh-CN': 'Ⅲ级（重大）15 分钟响应、2 小时方案；Ⅱ级 12 小时响应、48 小时解决；Ⅰ级 24 小时解决。',
      en: 'Level III (major) respond in 15 min, plan in 2 h; level II respond in 12 h, solve in 48 h; level I solve in 24 h.',
    },
  },
];

const DOCUMENTS: Record<PresetName, PolicyDocument> = {
  closeloop: closeloopPreset,
  'ref-000': ref000Preset,
  'ref-001': ref001Preset,
  'ref-002': ref002Preset,
  'ref-004': ref004Preset,
};

export const isPresetName = (name: string): name is PresetName => (PRESET_NAMES as readonly string[]).includes(name);

/** The complete policy document of a preset (a fresh copy: the caller may edit it before saving). */
export function presetPolicy(name: PresetName): PolicyDocument {
  return structuredClone(DOCUMENTS[name]);
}
