import type { StaffMember } from '../../shared/policy/types.js';

/**
 * Demo staff, so that `npm start` can be driven end to end (`POST /_local/token {"user": "agent.li"}`).
 * They exist only in the local runtime, which gives its handlers this list as STAFF_DIRECTORY; no
 * deployed function carries them (test/infra/demo-staff.test.ts):
 * agents take only their own department's complaints, so the departments the default routing uses
 * most have one (customer service: agent.li, quality: agent.chen, technical support: agent.smith,
 * supply chain: agent.he, finance: agent.zhou and agent.jones); the supervisor, department head and
 * manager serve every department. On AWS the directory is the Cognito user pool.
 */
export const demoStaff: StaffMember[] = [
  {
    id: 'agent.li',
    name: 'Li Na',
    email: 'agent.li@closeloop.local',
    role: 'agent',
    department: 'customer_service',
    locale: 'zh-CN',
  },
  {
    id: 'agent.chen',
    name: 'Chen Hao',
    email: 'agent.chen@closeloop.local',
    role: 'agent',
    department: 'quality',
    locale: 'zh-CN',
  },
  {
    id: 'agent.smith',
    name: 'Sam Smith',
    email: 'agent.smith@closeloop.local',
    role: 'agent',
    department: 'technical_support',
    locale: 'en',
  },
  {
    id: 'agent.he',
    name: 'He Jun',
    email: 'agent.he@closeloop.local',
    role: 'agent',
    department: 'supply_chain',
    locale: 'zh-CN',
  },
  {
    id: 'agent.zhou',
    name: 'Zhou Yan',
    email: 'agent.zhou@closeloop.local',
    role: 'agent',
    department: 'finance',
    locale: 'zh-CN',
  },
  {
    id: 'agent.jones',
    name: 'Alex Jones',
    email: 'agent.jones@closeloop.local',
    role: 'agent',
    department: 'finance',
    locale: 'en',
  },
  {
    id: 'supervisor.wang',
    name: 'Wang Fang',
    email: 'supervisor.wang@closeloop.local',
    role: 'supervisor',
    locale: 'zh-CN',
  },
  { id: 'head.zhao', name: 'Zhao Lei', email: 'head.zhao@closeloop.local', role: 'department_head', locale: 'zh-CN' },
  { id: 'manager.sun', name: 'Sun Min', email: 'manager.sun@closeloop.local', role: 'manager', locale: 'en' },
  // Reviews P1 solutions (004 3.2.3 "报备法务部审核"), for every department.
  { id: 'legal.qian', name: 'Qian Yu', email: 'legal.qian@closeloop.local', role: 'legal', locale: 'zh-CN' },
  // After-sales work orders: an engineer (technical support) and a warehouse clerk (supply chain).
  {
    id: 'engineer.liu',
    name: 'Liu Qiang',
    email: 'engineer.liu@closeloop.local',
    role: 'engineer',
    department: 'technical_support',
    locale: 'zh-CN',
  },
  {
    id: 'warehouse.ma',
    name: 'Ma Li',
    email: 'warehouse.ma@closeloop.local',
    role: 'warehouse',
    department: 'supply_chain',
    locale: 'zh-CN',
  },
];
