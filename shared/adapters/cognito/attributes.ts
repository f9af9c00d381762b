/**
 * The user pool's attributes the staff directory reads, named once for the pool's declaration
 * (infra/constructs/staff-pool.ts) and the directory (staff-directory.ts).
 */
export const DEPARTMENT_ATTRIBUTE = 'custom:department';
export const LOCALE_ATTRIBUTE = 'locale';
export const NAME_ATTRIBUTE = 'name';
