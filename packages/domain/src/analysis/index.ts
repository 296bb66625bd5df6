// Campaign-level analysis over scored attempts: item statistics and result version differences.
export * from './item-analysis.ts';
export * from './result-diff.ts';
export * from './potensi-norm.ts';
