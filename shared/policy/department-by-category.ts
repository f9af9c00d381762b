import type { RoutingPolicy } from './types.js';

/** Which department owns each category by default (kept apart from the routing vocabulary, which is large). */
export const DEFAULT_DEPARTMENT_BY_CATEGORY: RoutingPolicy['departmentByCategory'] = {
  safety: 'quality',
  product_quality: 'quality',
  function_fault: 'technical_support',
  service: 'customer_service',
  logistics: 'supply_chain',
  billing: 'finance',
  // 004: returns, exchanges and usage guidance are run by customer-service staff, who call in engineers.
  after_sales: 'customer_service',
  feature_request: 'product',
  // First-contact ownership (001): whoever cannot place a complaint keeps it and finds the owner.
  other: 'customer_service',
};
