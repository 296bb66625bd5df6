// Import rules for BKD master data and item banks: rows in, checked entries or reasons out.
export * from './cells.ts';
export * from './roster.ts';
export * from './positions.ts';
export * from './item-rows.ts';
