// REST DTOs of the staff portal (/api/v1/staff, /api/v1/admin).
export * from './staff.ts';
export * from './campaigns.ts';
export * from './campaign-results.ts';
export * from './hr-api.ts';
export * from './exports.ts';
export * from './master-data.ts';
export * from './item-banks.ts';
export * from './campaign-setup.ts';
export * from './master-data-lists.ts';
export * from './scoring.ts';
